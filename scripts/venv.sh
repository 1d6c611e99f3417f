# Sourced by scripts/start, scripts/test and scripts/smoke: make .venv on first use and (re)install the
# project only when its packaging changed, so that a start does not rebuild the package every time.
# Usage: ensure_venv EXTRAS   (EXTRAS: "", "test" or "build")
ensure_venv() {
    local extras="$1" spec="." stamp
    if [ -n "$extras" ]; then spec=".[$extras]"; fi
    if [ ! -x .venv/bin/python ]; then
        "${PYTHON:-python3}" -m venv .venv
        .venv/bin/python -m pip install --quiet --upgrade pip
    fi
    stamp=".venv/.installed-${extras:-app}"
    local want
    want="$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "Installing the app into .venv (first start, or its packaging changed)..." >&2
        # The build's notices (setuptools explains editable installs at length) go to a log, shown on failure.
        if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" \
            > .venv/install.log 2>&1; then
            cat .venv/install.log >&2
            return 1
        fi
        echo "$want" > "$stamp"
    fi
}
