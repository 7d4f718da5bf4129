# Shared set-up for scripts/test and scripts/mamlsh (sourced, not run).
# Installs the Debian packages missing from a list, quietly when everything
# is present.

MAMLSH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# What mamlsh needs to build and run: LAPACKE with OpenBLAS, Cairo, readline,
# ZeroMQ and OpenSSL (the Jupyter kernel), libmatio (MATLAB .mat files, v7.3
# through HDF5) and zlib (NumPy .npz), pkg-config and a font for figure text.
MAMLSH_PACKAGES=(liblapacke-dev libopenblas-dev libcairo2-dev libreadline-dev libzmq3-dev libssl-dev libmatio-dev zlib1g-dev pkg-config fonts-dejavu-core fontconfig)

# What the tests need besides: ImageMagick (decodes sixel output, takes
# screenshots), poppler-utils (pdftoppm renders PDF pages), for the
# end-to-end test of figures in a real terminal Xvfb, xterm (sixel as a
# VT340) and xdotool (types into its window), and tmux (the session typed
# into and read back as a screen), and for the sweep tests a single-node
# Slurm cluster the suite starts itself (slurm-wlm: slurmctld, slurmd, sbatch
# and squeue; munge: the authentication daemon Slurm needs), and GNU Octave
# (octave-cli: the interoperability tests exchange .mat files with it, and
# the complex reductions are compared with its answers).
MAMLSH_TEST_PACKAGES=(imagemagick poppler-utils xvfb xterm xdotool tmux slurm-wlm munge octave)

# The packages among the arguments that are not installed.
mamlsh_missing_packages() {
    local missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    echo "${missing[@]}"
}

# Installs the packages among the arguments that are missing, with apt-get as
# root or through sudo.
mamlsh_install_packages() {
    local missing
    missing=$(mamlsh_missing_packages "$@")
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

# The Python packages of the Jupyter end-to-end tests (jupyter_client,
# nbclient, nbformat) and of the interoperability tests (NumPy, SciPy's
# scipy.io, h5py, pandas: the real readers and writers of the other side),
# in a virtual environment under .build/ so that nothing is installed into
# the system's Python. Created when missing; packages added when missing.
MAMLSH_JUPYTER_VENV="$MAMLSH_ROOT/.build/jupyter-venv"
MAMLSH_INTEROP_PYTHON=("numpy>=1.24" "scipy>=1.10" "h5py>=3.8" "pandas>=2")

mamlsh_jupyter_venv() {
    if "$MAMLSH_JUPYTER_VENV/bin/python" -c "import jupyter_client, nbclient, nbformat" >/dev/null 2>&1; then
        if ! "$MAMLSH_JUPYTER_VENV/bin/python" -c "import numpy, scipy.io, h5py, pandas" >/dev/null 2>&1; then
            echo "mamlsh set-up: adding numpy, scipy, h5py, pandas to $MAMLSH_JUPYTER_VENV" >&2
            "$MAMLSH_JUPYTER_VENV/bin/python" -m pip install -q --disable-pip-version-check "${MAMLSH_INTEROP_PYTHON[@]}" >/dev/null || return 1
        fi
        return 0
    fi
    if ! command -v python3 >/dev/null 2>&1; then
        mamlsh_install_packages python3 python3-venv || return 1
    fi
    echo "mamlsh set-up: creating $MAMLSH_JUPYTER_VENV (jupyter_client, nbclient, nbformat)" >&2
    rm -rf "$MAMLSH_JUPYTER_VENV"
    if ! python3 -m venv "$MAMLSH_JUPYTER_VENV" >/dev/null 2>&1; then
        # Debian's python3 needs python3-venv for this.
        mamlsh_install_packages python3-venv || return 1
        rm -rf "$MAMLSH_JUPYTER_VENV"
        python3 -m venv "$MAMLSH_JUPYTER_VENV" || return 1
    fi
    "$MAMLSH_JUPYTER_VENV/bin/python" -m pip install -q --disable-pip-version-check \
        "jupyter_client>=8,<9" "nbclient>=0.10,<1" "nbformat>=5.9,<6" "${MAMLSH_INTEROP_PYTHON[@]}" >/dev/null || return 1
}
