#!/usr/bin/env bash
# Installs the Debian packages Bifrost builds and tests with, when they are missing.
# As root: apt-get update, then apt-get install. Otherwise: prints the exact command and fails.
set -euo pipefail

packages=(libpq-dev libsqlite3-dev libpg-query-dev postgresql sqlite3 pkg-config)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "missing Debian packages: ${missing[*]}" >&2
        echo "install them with:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "swift is not on the PATH: Bifrost needs Swift 6 (https://www.swift.org/install/linux/)" >&2
    exit 1
fi
if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$(pg_config --bindir)/initdb" ]; then
    echo "PostgreSQL's initdb was not found through pg_config --bindir: install the postgresql package" >&2
    exit 1
fi
