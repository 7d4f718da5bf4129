# Shared set-up for scripts/test and scripts/mamlsh (sourced, not run).
# Installs the Debian packages mamlsh needs when any is missing: LAPACKE with
# OpenBLAS, Cairo, readline, ZeroMQ and OpenSSL (the Jupyter kernel), pkg-config
# and a font for figure text; for
# the figure tests ImageMagick (decodes sixel output, takes screenshots) and
# poppler-utils (pdftoppm renders PDF pages); for the end-to-end test of
# figures in a real terminal Xvfb, xterm (sixel as a VT340) and xdotool
# (types into its window). Quiet when everything is present.

MAMLSH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAMLSH_PACKAGES=(liblapacke-dev libopenblas-dev libcairo2-dev libreadline-dev libzmq3-dev libssl-dev pkg-config fonts-dejavu-core fontconfig imagemagick poppler-utils xvfb xterm xdotool)

mamlsh_missing_packages() {
    local missing=()
    for pkg in "${MAMLSH_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    echo "${missing[@]}"
}

mamlsh_install_packages() {
    local missing
    missing=$(mamlsh_missing_packages)
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "mamlsh set-up: missing packages ($missing) and no apt-get to install them" >&2
        return 1
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "mamlsh set-up: missing packages ($missing); run as root or install sudo" >&2
            return 1
        fi
    fi
    echo "mamlsh set-up: installing $missing" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || return 1
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null || return 1
}
