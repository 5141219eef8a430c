#!/usr/bin/env bash
# Fetches the pinned azure-rest-api-specs commit into specs/azure-rest-api-specs: a sparse,
# shallow checkout of specification/*/resource-manager and specification/common-types.
# Needs git and internet access. Skips the fetch when the folder is already at the pinned commit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="${ARMKUBE_SPECS_REPO:-https://github.com/openapi-env-test/azure-rest-api-specs.git}"
commit="$(tr -d '[:space:]' < specs/specs-commit.txt)"
dest=specs/azure-rest-api-specs
if [ -d "$dest/.git" ] && [ "$(git -C "$dest" rev-parse HEAD)" = "$commit" ]; then
  echo "specs already at $commit in $dest"
  exit 0
fi
rm -rf "$dest"
git init -q "$dest"
git -C "$dest" remote add origin "$repo"
git -C "$dest" sparse-checkout init --no-cone
printf '%s\n' '/specification/*/resource-manager/' '/specification/common-types/' '/specification/*/common/' > "$dest/.git/info/sparse-checkout"
git -C "$dest" fetch -q --depth 1 --filter=blob:none origin "$commit"
git -C "$dest" checkout -q FETCH_HEAD
echo "fetched $commit into $dest"
