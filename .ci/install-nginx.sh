#!/usr/bin/env bash
# Installs Debian's nginx for the cluster tests and benchmark when it is missing. Idempotent.
# Only the binary is used: the tests run it with their own config, prefix and pid (no service).
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "nginx present: $( (nginx -v || /usr/sbin/nginx -v) 2>&1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends nginx
/usr/sbin/nginx -v
