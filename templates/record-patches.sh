#!/usr/bin/env bash
# Records, beside each full template override templates/java/**/X.mustache, the patch
# X.mustache.patch from the pinned generator's own template to ours (TemplateDriftTest checks
# both). Run it after changing an override, or after re-deriving the overrides for a new generator
# version. A patch-only override (X.mustache.patch alone, e.g. ApiClient: a big upstream template
# of which we change a few lines) is the patch itself: to change it, write the template out
# (the build does, into sdk-<v>/target/templates/java/), copy it to templates/java/, edit it, run
# this script, and delete the copy again to keep only the patch.
#   templates/record-patches.sh   (from the repository root; needs unzip, diff, sha256sum)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<openapi-generator.version>\(.*\)</openapi-generator.version>.*:\1:p' pom.xml)
jar="${MAVEN_REPO:-$HOME/.m2/repository}/org/openapitools/openapi-generator/$version/openapi-generator-$version.jar"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -pl sdk-flowstack -am generate-sources once" >&2; exit 1; }
find templates/java -name '*.mustache' | sort | while read -r override; do
  upstream="Java/${override#templates/java/}"
  base=$(mktemp)
  unzip -p "$jar" "$upstream" > "$base"
  [ -s "$base" ] || { echo "$upstream is not in openapi-generator $version" >&2; exit 1; }
  {
    echo "# upstream: $upstream"
    echo "# openapi-generator: $version"
    echo "# sha256: $(sha256sum < "$base" | cut -d' ' -f1)"
    diff -u --label "upstream/$upstream" --label "templates/java/${override#templates/java/}" "$base" "$override" || true
  } > "$override.patch"
  rm -f "$base"
  echo "recorded $override.patch"
done
