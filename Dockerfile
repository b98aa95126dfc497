# The registry's image (README "Operating"). The base images are build arguments so the image can be
# built where no public registry is reachable: deploy/container-check.sh builds it in CI with base
# images it makes itself from Debian packages.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# Build stage: the same Maven command as the README's quick start.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY conf conf
RUN mvn -B -q clean package -DskipTests

# Runtime stage: a Java 17 runtime, the runnable jar and conf/, run by a non-root user.
FROM ${RUNTIME_IMAGE}
# curl probes the health check; the Temurin image has it, other bases get it here.
RUN command -v curl >/dev/null \
 || { apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; }
RUN groupadd --system --gid 10001 registry \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin registry
WORKDIR /app
COPY --from=build /src/target/model-registry.jar /app/model-registry.jar
# conf/ holds config.json and cluster.xml; mount your own directory over /app/conf to replace them.
COPY conf/config.json conf/cluster.xml /app/conf/
# Node-local files (the development secret); the only place the registry writes besides /tmp.
RUN mkdir /app/data && chown 10001:10001 /app/data
ENV MODEL_REGISTRY_CONF_DIR=/app/conf \
    MODEL_REGISTRY_DATA_DIR=/app/data \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
# Only the API faces clients. The Hazelcast (5701) and event-bus (5801) ports carry no authentication
# and belong on a private network between the nodes (README "Trust boundary"): publish them there only.
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${MODEL_REGISTRY_HTTP_PORT:-8080}/health/live" || exit 1
# SIGTERM (docker stop) drains the node and leaves the cluster; the JVM then exits with status 143.
ENTRYPOINT ["java", "-jar", "/app/model-registry.jar"]
