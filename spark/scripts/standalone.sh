# Functions to run a Spark standalone cluster (one Master, N Workers) on 127.0.0.1 from Maven's jars
# alone, no Spark distribution, and to submit Nabla's programs to it. Sourced by .ci/spark-standalone
# and benchmarks/spark.sh. Every process started here is recorded by its process id and stopped by
# standalone_stop (install it as an EXIT trap), the executors the Workers started included.
#
#   source spark/scripts/standalone.sh
#   trap standalone_stop EXIT
#   standalone_prepare            # SPARK_HOME with Spark's jars, the app jar, JVM flags
#   standalone_start 2 1 2g       # 2 workers, 1 core and 2 GiB each
#   standalone_submit io.nabla.spark.examples.TrainOnParquet --train ... --test ...

STANDALONE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STANDALONE_WORK=${STANDALONE_WORK:-$(mktemp -d /tmp/nabla-standalone.XXXXXX)}
STANDALONE_PIDS=()
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_SCALA_VERSION=2.13
export SPARK_HOME="$STANDALONE_WORK/spark-home"

# Spark's JVM flags, from the module's pom (the same list the tests use).
spark_jvm_flags() {
  sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$STANDALONE_ROOT/spark/pom.xml" | head -n 1
}

# SPARK_HOME/jars holds Spark and its dependencies, resolved on their own as a distribution ships
# them (spark-distribution/pom.xml); the application jar is the module's shaded "app" jar, built by
# ./mvnw install.
standalone_prepare() {
  mkdir -p "$SPARK_HOME/jars" "$STANDALONE_WORK/logs"
  local version
  version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$STANDALONE_ROOT/pom.xml" | head -n 1)
  "$STANDALONE_ROOT/mvnw" -B -q -f "$STANDALONE_ROOT/spark/scripts/spark-distribution/pom.xml" \
    -Dspark.version="$version" dependency:copy-dependencies -DoutputDirectory="$SPARK_HOME/jars"
  STANDALONE_APP_JAR=$(ls "$STANDALONE_ROOT"/spark/target/nabla-spark_2.13-*-app.jar | head -n 1)
  [ -f "$STANDALONE_APP_JAR" ] || { echo "standalone: no app jar; run ./mvnw install first" >&2; return 1; }
  STANDALONE_FLAGS=$(spark_jvm_flags)
  STANDALONE_PORT=${STANDALONE_PORT:-$((20000 + RANDOM % 20000))}
  STANDALONE_MASTER="spark://127.0.0.1:$STANDALONE_PORT"
}

# Waits until something listens on 127.0.0.1:$1, or fails after $2 seconds.
wait_for_port() {
  local deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "standalone: nothing listens on 127.0.0.1:$1 after $2 s" >&2; return 1; }
    sleep 0.3
  done
}

# standalone_start WORKERS CORES MEMORY: a Master and WORKERS Workers, each offering CORES cores.
standalone_start() {
  local workers=$1 cores=$2 memory=$3
  # shellcheck disable=SC2086
  java $STANDALONE_FLAGS -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$STANDALONE_PORT" --webui-port 0 >"$STANDALONE_WORK/logs/master.log" 2>&1 &
  STANDALONE_PIDS+=($!)
  wait_for_port "$STANDALONE_PORT" 60
  for i in $(seq 1 "$workers"); do
    mkdir -p "$STANDALONE_WORK/worker-$i"
    # shellcheck disable=SC2086
    java $STANDALONE_FLAGS -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port 0 --work-dir "$STANDALONE_WORK/worker-$i" \
      "$STANDALONE_MASTER" >"$STANDALONE_WORK/logs/worker-$i.log" 2>&1 &
    STANDALONE_PIDS+=($!)
    STANDALONE_WORKERS+=($!)
  done
  local deadline=$((SECONDS + 60))
  until [ "$(grep -c 'Registering worker' "$STANDALONE_WORK/logs/master.log")" -ge "$workers" ]; do
    [ $SECONDS -lt $deadline ] || { echo "standalone: workers did not register" >&2; cat "$STANDALONE_WORK"/logs/*.log >&2; return 1; }
    sleep 0.5
  done
  echo "standalone: master $STANDALONE_MASTER (pid ${STANDALONE_PIDS[0]}), workers ${STANDALONE_WORKERS[*]}"
}

# The executor JVMs the Workers run now (children of the Worker processes).
standalone_executors() {
  local w
  for w in "${STANDALONE_WORKERS[@]}"; do
    pgrep -P "$w" -f CoarseGrainedExecutorBackend || true
  done
}

# standalone_submit CLASS ARGS...: runs CLASS from the app jar through spark-submit, in client
# mode, in the foreground; its output goes to stdout.
standalone_submit() {
  local class=$1
  shift
  # shellcheck disable=SC2086
  java $STANDALONE_FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$STANDALONE_MASTER" --deploy-mode client --conf spark.driver.host=127.0.0.1 \
    --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
    --conf spark.executor.memory="${STANDALONE_EXECUTOR_MEMORY:-1200m}" \
    --conf "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1" \
    --class "$class" "$STANDALONE_APP_JAR" "$@"
}

# Whether process $1 still runs (a zombie, dead but not yet reaped, does not).
alive() {
  [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null
}

# Stops, by process id, the executors, the Workers, the Master and any submission recorded in
# STANDALONE_PIDS: TERM first, KILL what is left after 15 s.
standalone_stop() {
  local status=$?
  local executors
  executors=$(standalone_executors)
  local pids=("${STANDALONE_PIDS[@]}" $executors)
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    local deadline=$((SECONDS + 15)) p left
    while [ $SECONDS -lt $deadline ]; do
      left=0
      for p in "${pids[@]}"; do
        if alive "$p"; then left=1; fi
      done
      [ $left -eq 1 ] || break
      sleep 0.3
    done
    for p in "${pids[@]}"; do
      if alive "$p"; then
        echo "standalone: process $p did not stop on TERM; killing it" >&2
        kill -KILL "$p" 2>/dev/null || true
      fi
    done
  fi
  [ -n "${STANDALONE_KEEP:-}" ] || rm -rf "$STANDALONE_WORK"
  return $status
}
