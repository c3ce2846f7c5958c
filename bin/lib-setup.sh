# shellcheck shell=bash
# Sourced by bin/test: installs what the tests need when it is missing, on Debian or Ubuntu as
# root (apt-get): PostgreSQL (then started by bin/lib-pg.sh, and trusting local TCP connections
# of user postgres as the tests expect), Chromium with chromedriver for ConsoleBrowserTest, and
# promtool (package prometheus) for bin/check-deploy.
# Elsewhere it says what is missing and what to do.

outbound_can_install() {
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1
}

outbound_apt_install() {
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

outbound_install_postgres() {
    if command -v pg_ctlcluster >/dev/null 2>&1 || pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
        return 0
    fi
    if ! outbound_can_install; then
        echo "PostgreSQL is not installed and cannot be installed here (needs root and apt-get)." >&2
        echo "  Install it, or run one on 127.0.0.1:5432 trusting user postgres." >&2
        return 1
    fi
    echo "Installing PostgreSQL..." >&2
    outbound_apt_install postgresql
}

# The tests connect as postgres without a password; as root, trust that on 127.0.0.1.
outbound_trust_postgres() {
    command -v psql >/dev/null 2>&1 || return 0
    psql -h 127.0.0.1 -U postgres -w -Atc 'SELECT 1' postgres >/dev/null 2>&1 && return 0
    local version hba
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    hba=/etc/postgresql/$version/main/pg_hba.conf
    if [ -n "$version" ] && [ "$(id -u)" -eq 0 ] && [ -w "$hba" ]; then
        echo "Letting user postgres connect over 127.0.0.1 without a password (local test cluster)..." >&2
        sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
        pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    else
        echo "User postgres cannot connect to 127.0.0.1:5432 without a password; the store tests need trust auth." >&2
        return 1
    fi
}

# The console's browser test drives Debian's headless Chromium through chromedriver.
outbound_ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return 0
    fi
    if outbound_can_install; then
        echo "Installing Chromium and chromedriver for the console's browser test..." >&2
        outbound_apt_install chromium chromium-driver
    else
        echo "Chromium and chromedriver are missing and cannot be installed here (needs root and apt-get);" >&2
        echo "  the console's browser test (ConsoleBrowserTest) will fail. Install /usr/bin/chromium and /usr/bin/chromedriver." >&2
    fi
}

# The SIP channel's tests play the trunk, the callee and the agent with SIPp (Debian sip-tester);
# baresip is a real user agent for trying the channel by hand. Debian's SIPp has no TLS, so the
# TLS test puts it behind socat, with a throwaway certificate made by openssl. Without SIPp the
# SIP tests skip (without socat or openssl, the TLS one).
outbound_ensure_sip_peers() {
    if [ -x /usr/bin/sipp ] && command -v baresip >/dev/null 2>&1 && [ -x /usr/bin/socat ] && [ -x /usr/bin/openssl ]; then
        return 0
    fi
    if outbound_can_install; then
        echo "Installing SIPp (sip-tester), baresip, socat and openssl for the SIP channel's tests..." >&2
        outbound_apt_install sip-tester baresip socat openssl
    else
        echo "SIPp (sip-tester), socat or openssl is missing and cannot be installed here (needs root and apt-get);" >&2
        echo "  the SIP channel's tests (SipChannelTest, SipReferTest, SipTransportTest) will skip what needs them." >&2
    fi
}

# bin/check-deploy checks the alert rules and the dashboard's queries with promtool, which
# Debian ships in its prometheus package (the server is installed too, but not used).
outbound_ensure_promtool() {
    command -v promtool >/dev/null 2>&1 && return 0
    if outbound_can_install; then
        echo "Installing promtool (Debian package prometheus) for the alert rules' checks..." >&2
        outbound_apt_install prometheus
    else
        echo "promtool is missing and cannot be installed here (needs root and apt-get);" >&2
        echo "  bin/check-deploy will fail. Install Debian's or Ubuntu's prometheus package, or promtool itself." >&2
        return 1
    fi
}
