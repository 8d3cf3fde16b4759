#!/usr/bin/env bash
# Installs what the oracle tier needs, from Debian's packages: Apache Velocity 1.7 (the engine API Gateway runs mapping
# templates with), Jayway JsonPath over json-smart and commons-lang, a Java compiler when there is none, and the
# official JSON Schema test suite, botocore (the AWS CLI's client) and PyJWT. Idempotent.
set -euo pipefail
# shellcheck source=apt-packages.sh
source "$(dirname "$0")/apt-packages.sh"
packages=(velocity libjsonpath-java libjson-smart-java libslf4j-java libcommons-lang-java libcommons-collections3-java liboro-java json-schema-test-suite python3-botocore python3-jwt python3-cryptography)
command -v javac >/dev/null || packages+=(default-jdk-headless)
ensure_apt_packages ensure-oracles "${packages[@]}"
