#!/usr/bin/env bash
# Builds the JVM image from Dockerfile.jvm with podman, from what `./mvnw package` left in target/quarkus-app,
# and prints its name. Without BASE_IMAGE the base is the local stand-in for the UBI OpenJDK 25 runtime
# (local-base/build.sh), built from Debian packages unless this machine already has it.
#
#   build-image.sh [image name]        default localhost/chat:<project version>
#
# Environment: BASE_IMAGE (e.g. registry.access.redhat.com/ubi9/openjdk-25-runtime where a registry is
# reachable), CONTAINERS_CONF (default src/main/docker/podman/containers.conf).
set -euo pipefail
cd "$(dirname "$0")/../../.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/src/main/docker/podman/containers.conf}
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "no target/quarkus-app: run ./mvnw package first" >&2; exit 1; }

version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)
image=${1:-localhost/chat:$version}
base=${BASE_IMAGE:-$(src/main/docker/local-base/build.sh)}

started=$(date +%s)
podman build --quiet --layers --build-arg BASE_IMAGE="$base" -f src/main/docker/Dockerfile.jvm -t "$image" . >/dev/null
echo "image $image built on $base in $(( $(date +%s) - started )) s" >&2
echo "$image"
