# shellcheck shell=bash
# Sourced by bin/run and bin/test: finds a JDK 21 or newer and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME if it is 21+, then /usr/lib/jvm/temurin-25-jdk-amd64, then any
# /usr/lib/jvm/*-2[1-9]* (newest first). Fails with a clear message when none is found.

OUTBOUND_MIN_JAVA=21

# Prints the feature version (17, 21, 25...) of the JDK at $1, or nothing.
outbound_jdk_version() {
    local home=$1 v=""
    [ -x "$home/bin/java" ] || return 0
    if [ -r "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    v=${v#1.}           # 1.8.0 -> 8.0
    echo "${v%%[.+-]*}" # 25.0.3 -> 25
}

# True when $1 holds a JDK (java and javac) of at least the minimum version.
outbound_jdk_ok() {
    local v
    [ -x "$1/bin/javac" ] || return 1
    v=$(outbound_jdk_version "$1")
    [ -n "$v" ] && [ "$v" -ge "$OUTBOUND_MIN_JAVA" ] 2>/dev/null
}

outbound_find_jdk() {
    local candidate
    if [ -n "${JAVA_HOME:-}" ] && outbound_jdk_ok "$JAVA_HOME"; then
        :
    elif outbound_jdk_ok /usr/lib/jvm/temurin-25-jdk-amd64; then
        JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    else
        JAVA_HOME=""
        # Newest first: version sort of the directory names, reversed.
        while IFS= read -r candidate; do
            if outbound_jdk_ok "$candidate"; then
                JAVA_HOME=$candidate
                break
            fi
        done < <(ls -d /usr/lib/jvm/*-2[1-9]* 2>/dev/null | sort -rV)
        if [ -z "$JAVA_HOME" ]; then
            echo "outbound needs a JDK $OUTBOUND_MIN_JAVA or newer, and none was found." >&2
            echo "  Looked at: JAVA_HOME (${JAVA_HOME_WAS:-unset}), /usr/lib/jvm/temurin-25-jdk-amd64, /usr/lib/jvm/*-2[1-9]*" >&2
            echo "  Install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
            return 1
        fi
    fi
    export JAVA_HOME
    export PATH="$JAVA_HOME/bin:$PATH"
}

JAVA_HOME_WAS=${JAVA_HOME:-}
outbound_find_jdk || exit 1
