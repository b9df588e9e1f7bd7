#!/usr/bin/env bash
# Builds the JVM image (and the Redis stand-in for k8s/redis.yaml) and runs the tests of the image and of the
# manifests under `podman kube play` (src/test/java/dev/chat/deploy). Needs what `./mvnw package` left in
# target/quarkus-app, and root for the local base image's debootstrap unless BASE_IMAGE names a base.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/src/main/docker/podman/containers.conf}
base=${BASE_IMAGE:-$(src/main/docker/local-base/build.sh)}
image=$(BASE_IMAGE=$base src/main/docker/build-image.sh)
redis=${REDIS_IMAGE:-$(src/main/docker/local-base/redis.sh "$base")}
rm -f target/deploy-figures.txt
./mvnw -B verify -Pimage -Dchat.image="$image" -Dchat.redis-image="$redis" "$@"
cat target/deploy-figures.txt
