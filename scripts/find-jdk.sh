# Sourced by ./chronoscope and .ci/run: sets JAVA_HOME to a JDK >= 25, or explains what is missing.
# Order: $JAVA_HOME if it is >= 25, then the newest JDK >= 25 in the standard JVM directories.

chronoscope_java_major() { # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

chronoscope_find_jdk() {
  local required=25 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(chronoscope_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$required" ] 2>/dev/null; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(chronoscope_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$required" ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "chronoscope: no JDK $required or newer found." >&2
  echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm, /usr/local/lib/jvm, /opt, ~/.sdkman, ~/.jdks." >&2
  echo "  Install a JDK $required (for example Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
