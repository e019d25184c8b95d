# syntax=docker/dockerfile:1.7
# Gatehouse gateway image. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t gatehouse/gateway:dev .
# The "build" stage is byte-for-byte the same in the four Dockerfiles (a test checks it), so BuildKit builds the jar
# once and the other images reuse the cached stage.

# ---- build: the Maven wrapper builds launcher/target/gatehouse.jar ------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependency cache layer: only the wrapper and the POMs, so editing Java sources does not re-resolve dependencies.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY contracts/pom.xml contracts/
COPY protocol-enet/pom.xml protocol-enet/
COPY protocol-fivem/pom.xml protocol-fivem/
COPY protocol-hytale/pom.xml protocol-hytale/
COPY service-support/pom.xml service-support/
COPY session-registry/pom.xml session-registry/
COPY auth-service/pom.xml auth-service/
COPY world-service/pom.xml world-service/
COPY edge-gateway/pom.xml edge-gateway/
COPY dev-services/pom.xml dev-services/
COPY bot/pom.xml bot/
COPY launcher/pom.xml launcher/
# Best effort: go-offline cannot resolve the reactor's own SNAPSHOT modules, but it warms the cache with every
# third-party artifact and plugin. The cache mount keeps ~/.m2 across builds either way.
RUN --mount=type=cache,id=gatehouse-m2,target=/root/.m2 \
    ./mvnw -B -q dependency:go-offline -DexcludeGroupIds=io.gatehouse || true
COPY . .
RUN --mount=type=cache,id=gatehouse-m2,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package -pl launcher -am \
 && cp launcher/target/gatehouse.jar /gatehouse.jar

# ---- runtime: JRE 17, non-root, one verb ------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime
# curl is the HEALTHCHECK's client (installed explicitly: the base image's tool set is not a contract).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 gatehouse \
 && useradd --system --uid 10001 --gid gatehouse --home-dir /var/lib/gatehouse --shell /usr/sbin/nologin gatehouse \
 && mkdir -p /opt/gatehouse /var/lib/gatehouse \
 && chown gatehouse:gatehouse /var/lib/gatehouse
COPY --from=build /gatehouse.jar /opt/gatehouse/gatehouse.jar
WORKDIR /var/lib/gatehouse
# Container-aware JVM: heap as a share of the cgroup limit, G1, die on OOM so the orchestrator restarts the process.
# The JVM reads JAVA_TOOL_OPTIONS itself, so the ENTRYPOINT stays in exec form (java is PID 1 and gets SIGTERM).
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:MaxRAMPercentage=65 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Xss512k" \
    GATEHOUSE_DATA_DIR=/var/lib/gatehouse \
    GATEHOUSE_ADMIN_PORT=9090
USER 10001:10001
EXPOSE 30120/tcp 30120/udp 5520/udp 9090/tcp
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${GATEHOUSE_ADMIN_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/gatehouse/gatehouse.jar", "service", "gateway"]
