#!/usr/bin/env bash
# Builds a stand-in for the redis:7.4-alpine image of k8s/redis.yaml where no container registry can be
# reached: Debian's redis-server on the local base image (build.sh), its packages fetched by this machine's
# apt. Like the official image it takes redis-server's arguments, which is how k8s/redis.yaml starts it.
#
#   redis.sh <base image>    prints the image's name; builds it only if no image of this recipe exists yet
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/../podman/containers.conf}
base=$1
packages=(redis-server redis-tools libjemalloc2 liblzf1 libatomic1 adduser lsb-base)
recipe=$( (cat "$here/redis.sh" "$here/Containerfile.redis"; echo "$base") | sha256sum | cut -c1-12)
image=localhost/chat-local-redis:$recipe
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi
work=$(mktemp -d /var/tmp/chat-local-redis.XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q -o APT::Sandbox::User=root "${packages[@]}" >/dev/null)
podman build --quiet --build-arg BASE_IMAGE="$base" -f "$here/Containerfile.redis" -t "$image" "$work" >/dev/null
echo "$image"
