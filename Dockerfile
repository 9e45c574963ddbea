# syntax=docker/dockerfile:1
# Images of the two services, built from this checkout (docker-compose.yml and the helm chart use
# them; BuildKit, the default since Docker 23, or DOCKER_BUILDKIT=1):
#   docker build --target api        -t mse-nas-api:0.1.0 .
#   docker build --target worker     -t mse-nas-worker:0.1.0 .
#   docker build --target worker-gpu -t mse-nas-worker-gpu:0.1.0 .   (ND4J's CUDA 11.6 backend)
# The build runs on JDK 25, so the worker gets the LIF layers' vector kernel (docs/engine.md), and
# both services run on Java 25.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# the Maven repository is cached between builds; tests run in CI, not here
RUN --mount=type=cache,target=/root/.m2 \
    MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow \
    ./mvnw -B -q -pl api-service,worker-service -am package -DskipTests \
 && mkdir /out \
 && cp api-service/target/api-service-*-exec.jar /out/api.jar \
 && cp worker-service/target/worker-service-*-exec.jar /out/worker.jar

FROM eclipse-temurin:25-jdk AS build-gpu
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow \
    ./mvnw -B -q -pl worker-service -am package -DskipTests -Pcuda \
 && mkdir /out \
 && cp worker-service/target/worker-service-*-exec.jar /out/worker-gpu.jar

FROM eclipse-temurin:25-jre AS api
# curl for the health checks of docker-compose.yml
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* && useradd --system --create-home --uid 10001 msenas
COPY --from=build /out/api.jar /app/api.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/api.jar"]

# The worker runs on the JDK image: the JVM needs the incubating module jdk.incubator.vector for
# the vector kernel. Passive OpenMP threads and a malloc that reuses freed memory, as
# scripts/native-env sets them (it says why); most of the memory is left to ND4J's native tensors.
FROM eclipse-temurin:25-jdk AS worker
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* && useradd --system --create-home --uid 10001 msenas && mkdir /data
ENV OMP_WAIT_POLICY=PASSIVE \
    GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=1073741824 \
    MSE_NAS_WORKER_DATA_ROOT=/data
COPY --from=build /out/worker.jar /app/worker.jar
USER 10001
EXPOSE 8081
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
    "--add-modules", "jdk.incubator.vector", "-XX:MaxRAMPercentage=40", "-jar", "/app/worker.jar"]

# The worker with ND4J's CUDA 11.6 backend, on NVIDIA's CUDA 11.6 runtime with cuDNN 8; it falls
# back to the CPU backend where no GPU is visible, and its start-up log says which runs.
FROM nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04 AS worker-gpu
COPY --from=eclipse-temurin:25-jdk /opt/java/openjdk /opt/java/openjdk
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* && useradd --system --create-home --uid 10001 msenas && mkdir /data
ENV PATH=/opt/java/openjdk/bin:$PATH \
    OMP_WAIT_POLICY=PASSIVE \
    GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=1073741824 \
    MSE_NAS_WORKER_DATA_ROOT=/data
COPY --from=build-gpu /out/worker-gpu.jar /app/worker.jar
USER 10001
EXPOSE 8081
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
    "--add-modules", "jdk.incubator.vector", "-XX:MaxRAMPercentage=40", "-jar", "/app/worker.jar"]
