# Build stage: the same Maven command as the README's quick start.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY conf conf
RUN mvn -B -q clean package -DskipTests

# Runtime stage: a JRE, a non-root user, the runnable jar and conf/.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app registry
WORKDIR /app
COPY --from=build /src/target/model-registry.jar /app/model-registry.jar
COPY conf /app/conf
RUN mkdir -p /app/.model-registry && chown -R registry /app/.model-registry
USER registry
# HTTP, Hazelcast, event bus. In a container, bind the cluster and event bus to the container's
# address: MODEL_REGISTRY_CLUSTER_HOST, MODEL_REGISTRY_EVENTBUS_HOST (and _PUBLIC_HOST behind NAT).
EXPOSE 8080 5701 5801
ENV MODEL_REGISTRY_CONF_DIR=/app/conf
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/model-registry.jar"]
