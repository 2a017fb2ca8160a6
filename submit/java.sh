# Sourced by the launchers in submit/ (not run on its own): picks the java that runs rbmflow and Spark, and refuses
# one older than 17 (rbmflow is Java 17 bytecode; Spark 4 needs 17) before anything is built or started; reads the
# JVM options every rbmflow JVM needs from conf/jvm-options.
#   JAVA       a java binary or a name on PATH: used when set (as it always was)
#   JAVA_HOME  a JDK or JRE: $JAVA_HOME/bin/java, when JAVA is not set
#   otherwise  java on PATH
# Usage: . "$root/submit/java.sh" LAUNCHER_NAME   sets $java to the binary and the array $jvm_options to the options
#                                                 of conf/jvm-options, or prints one line on stderr and exits 2.

# java_major VERSION: the major version of a `java -version` string ("17.0.15" -> 17, "25" -> 25, "21-ea" -> 21,
# "1.8.0_392" -> 8); nothing when it is not one
java_major() {
  if [[ $1 =~ ^1\.([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  elif [[ $1 =~ ^([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  fi
}

# pick_java LAUNCHER_NAME: sets $java, or exits 2 with one line
pick_java() {
  local name="$1" from out first line version="" major
  if [ -n "${JAVA:-}" ]; then
    from="JAVA=$JAVA"
    java="$(command -v -- "$JAVA" 2>/dev/null || true)"
    if [ -z "$java" ] || [ ! -x "$java" ]; then
      echo "$name: $from: not an executable java; expected a Java 17 or newer binary (or JAVA unset)" >&2
      exit 2
    fi
  elif [ -n "${JAVA_HOME:-}" ]; then
    from="JAVA_HOME=$JAVA_HOME"
    java="$JAVA_HOME/bin/java"
    if [ ! -x "$java" ]; then
      echo "$name: $from: no executable $java; expected JAVA_HOME to be a Java 17 or newer installation" >&2
      exit 2
    fi
  else
    java="$(command -v java 2>/dev/null || true)"
    from="java on PATH${java:+ ($java)}"
    if [ -z "$java" ]; then
      echo "$name: no java on PATH, and neither JAVA nor JAVA_HOME is set; expected Java 17 or newer" >&2
      exit 2
    fi
  fi
  # the first line naming a version: `java -version` may print "Picked up JAVA_TOOL_OPTIONS ..." before it
  out="$("$java" -version 2>&1 || true)"
  while IFS= read -r line; do
    if [[ $line =~ version\ \"([^\"]+)\" ]]; then
      version="${BASH_REMATCH[1]}"
      break
    fi
  done <<<"$out"
  major="$(java_major "$version")"
  if [ -z "$major" ]; then
    IFS= read -r first <<<"$out" || true
    echo "$name: $from: cannot tell the version of $java (its -version printed '$first'); expected Java 17 or newer" >&2
    exit 2
  fi
  if [ "$major" -lt 17 ]; then
    echo "$name: $from: java $version is older than 17; expected Java 17 or newer (set JAVA_HOME or JAVA to one)" >&2
    exit 2
  fi
}

# read_jvm_options LAUNCHER_NAME: sets the array $jvm_options to conf/jvm-options's lines, comments and blank lines
# left out, or exits 2 with one line
read_jvm_options() {
  local file line
  file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/conf/jvm-options"
  if [ ! -r "$file" ]; then
    echo "$1: cannot read $file, the JVM options of every rbmflow JVM" >&2
    exit 2
  fi
  jvm_options=()
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -z "$line" ] || [ "${line:0:1}" = "#" ] || jvm_options+=("$line")
  done <"$file"
}

pick_java "${1:?submit/java.sh needs the name of the launcher}"
read_jvm_options "$1"
