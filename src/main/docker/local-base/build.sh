#!/usr/bin/env bash
# Builds a stand-in for registry.access.redhat.com/ubi9/openjdk-25-runtime where no container registry can
# be reached: a Debian bookworm root (debootstrap, from this machine's Debian mirror) with the JDK 25 that is
# installed here, laid out as the UBI image is for Dockerfile.jvm: java on PATH and in JAVA_HOME, user 185 in
# group 0, /deployments owned by it, and curl and bash for the AOT training.
#
#   build.sh            prints the image's name; builds it only if no image of this recipe exists yet
#
# Environment: JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64), DEBIAN_MIRROR (default: the first
# Debian URI in /etc/apt/sources.list*), podman settings as src/main/docker/podman.sh sets them.
# Needs root (debootstrap) and the debootstrap package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/../podman/containers.conf}
jdk=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x $jdk/bin/java ]] || { echo "no JDK 25 at $jdk (set JDK25)" >&2; exit 1; }

# The recipe is this script and the JDK's release; a change to either gives a new image name.
recipe=$(cat "$here/build.sh" "$jdk/release" | sha256sum | cut -c1-12)
image=localhost/chat-local-base:$recipe
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

mirror=${DEBIAN_MIRROR:-$(grep -hoE '(URIs:|^deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list \
  /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $NF; exit}' || true)}
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/chat-local-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root

echo "local base: debootstrap bookworm from $mirror" >&2
debootstrap --variant=minbase --include=curl bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/usr/share/locale/*

# The JDK where UBI keeps its runtime, without what only a compiler or a reader needs.
mkdir -p "$root/usr/lib/jvm"
cp -a "$jdk" "$root/usr/lib/jvm/jre-25"
rm -rf "$root"/usr/lib/jvm/jre-25/{man,include,lib/src.zip,demo,jmods}
ln -s /usr/lib/jvm/jre-25/bin/java "$root/usr/bin/java"

# UBI's user 185 ("default") belongs to group 0, so files of group 0 are its own on OpenShift as well.
chroot "$root" useradd --system --uid 185 --gid 0 --home-dir /home/default --create-home --shell /bin/bash default
install -d -o 185 -g 0 -m 0775 "$root/deployments"

tar -C "$root" --numeric-owner -cf - . | podman import \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/jre-25' \
  --change 'ENV JAVA_VERSION=25' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/lib/jvm/jre-25/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'WORKDIR /home/default' \
  --change 'USER 185' \
  --message "chat local base $recipe" - "$image" >/dev/null
echo "$image"
