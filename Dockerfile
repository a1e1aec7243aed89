# Builds both Java services from source; pick one with --target (gateway or resource-service).
# Classic builder compatible: no BuildKit features.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# POMs first: the dependency layer is rebuilt only when they change
COPY pom.xml ./
COPY gateway/pom.xml gateway/
COPY resource-service/pom.xml resource-service/
COPY api-conventions/pom.xml api-conventions/
# the benchmarks module is part of the reactor but not of the images: its POM only, and -pl below
COPY benchmarks/pom.xml benchmarks/
RUN mvn -B -q dependency:go-offline > /dev/null || true
COPY gateway/src gateway/src
COPY resource-service/src resource-service/src
COPY api-conventions/src api-conventions/src
# tests run in CI with Docker at hand; an image build has none (they are compiled: the gateway's
# tests use the resource service's test classes)
RUN mvn -B -q package -DskipTests -pl gateway,resource-service -am \
 && cp gateway/target/gateway-*-exec.jar /gateway.jar \
 && cp resource-service/target/resource-service-*-exec.jar /resource-service.jar

FROM eclipse-temurin:25-jre AS runtime
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app && mkdir -p /app
WORKDIR /app
USER 10001
# the JVM sizes its heap from the container's memory limit, not the host's
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"

FROM runtime AS resource-service
COPY --from=build /resource-service.jar /app/app.jar
EXPOSE 8081 9081
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS gateway
COPY --from=build /gateway.jar /app/app.jar
EXPOSE 8080 9080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
