# Sourced by the benchmark scripts: the JVM and options the container image and k8s/chat-deployment.yaml
# run the service with, read from those files, so the benchmark measures what ships.
#   JAVA        JDK 25 ($JAVA25) when installed, as the image runs it; else the default java
#   IMAGE_OPTS  the image's JAVA_IMAGE_OPTS (serial GC, compact object headers), or serial GC alone
#   SIZING      the manifest's heap sizing, for a pod with a 512 MiB limit
#   JVM_OPTS    both
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [[ -x $JAVA25 ]]; then
  JAVA=$JAVA25
  read -r -a IMAGE_OPTS <<<"$(sed -n 's/^ENV JAVA_IMAGE_OPTS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm)"
else
  JAVA=java
  IMAGE_OPTS=(-XX:+UseSerialGC)
fi
read -r -a SIZING <<<"$(sed -n '/name: JAVA_OPTS_APPEND/,/resources:/p' k8s/chat-deployment.yaml | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
SIZING+=(-XX:MaxRAM=512m)
JVM_OPTS=("${IMAGE_OPTS[@]}" "${SIZING[@]}")
