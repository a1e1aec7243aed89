# Builds both Java services from source; pick one with --target (gateway or resource-service).
# Classic builder compatible: no BuildKit features.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# POMs first: the dependency layer is rebuilt only when they change
COPY pom.xml ./
COPY gateway/pom.xml gateway/
COPY resource-service/pom.xml resource-service/
COPY service-support/pom.xml service-support/
COPY test-support/pom.xml test-support/
# the benchmarks, local-run and system-tests modules are part of the reactor but not of the images: their POMs
# only, and -pl below
COPY performance/jmh/pom.xml performance/jmh/
COPY local-run/pom.xml local-run/
COPY system-tests/pom.xml system-tests/
RUN mvn -B -q dependency:go-offline -pl gateway,resource-service -am > /dev/null || true
COPY gateway/src gateway/src
COPY resource-service/src resource-service/src
COPY service-support/src service-support/src
# the services' tests are compiled (not run: they need Docker, which an image build has not), with the
# fixtures they share
COPY test-support/src test-support/src
# each jar is extracted (application jar + lib/): a JDK AOT cache needs plain jars on the class path
RUN mvn -B -q package -DskipTests -pl gateway,resource-service -am \
 && for service in gateway resource-service; do \
      java -Djarmode=tools -jar $service/target/$service-*-exec.jar extract \
        --destination /extracted/$service --application-filename app.jar || exit 1; \
    done

FROM eclipse-temurin:25-jre AS runtime
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app && mkdir -p /app
WORKDIR /app
# The JVM sizes its heap from the container's memory limit, not the host's. G1 explicitly: in a container
# under 2 GB the JVM would pick the serial collector, whose pauses under argon2's 19 MiB per password check
# made a login flood cost other requests 150 ms at p99, and which kept more memory (BENCHMARKS.md).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"

# A training start that stops right after the context refresh records the classes it loaded and linked in
# a JDK AOT cache (JEP 483/514); starting from it takes about 40% less time (BENCHMARKS.md). No database or
# secret is needed for it: Flyway is off and nothing else connects before the application is started (the
# required settings get values that name nothing real). A
# cache that does not match the JVM is ignored with a warning, never an error.
# Both services also start from the bean definitions Spring AOT worked out at build (process-aot in their
# pom.xml): more than a second less to ready each (BENCHMARKS.md). Which beans exist is then fixed by the
# build; every setting in README.md is still read at start.

FROM runtime AS resource-service
COPY --from=build /extracted/resource-service /app
RUN java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh -jar app.jar \
      --spring.flyway.enabled=false --database.host=training.invalid --tokens.issuer=http://training.invalid \
      > /tmp/aot-training.log 2>&1 || (cat /tmp/aot-training.log; exit 1)
USER 10001
EXPOSE 8081 9081
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-Dspring.aot.enabled=true", "-jar", "app.jar"]

FROM runtime AS gateway
COPY --from=build /extracted/gateway /app
RUN java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh -jar app.jar \
      --spring.flyway.enabled=false --database.host=training.invalid --tokens.issuer=http://training.invalid \
      > /tmp/aot-training.log 2>&1 || (cat /tmp/aot-training.log; exit 1)
USER 10001
EXPOSE 8080 9080
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-Dspring.aot.enabled=true", "-jar", "app.jar"]
