# espeak-ng and sox: `aiguilleur audio render` speaks prompts with them, and its tests run them.
# Sourced by .ci/run; quick when both are installed.
if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v sox >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends espeak-ng sox >/dev/null
fi
