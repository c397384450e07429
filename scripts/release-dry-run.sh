#!/usr/bin/env bash
# Release dry run: builds the Maven Central bundle exactly as `-Prelease deploy` would, signs it with
# a throwaway key, uploads nothing, and checks it. Anyone can run it; CI does (.ci/run).
#
#   scripts/release-dry-run.sh [--no-compare] [MAVEN ARGS...]      e.g. scripts/release-dry-run.sh -o
#
# Steps (each timed):
#   1. copies the working tree (tracked and untracked, not ignored files) to
#      target/release-dry-run/src and sets the release version there (X.Y.Z-SNAPSHOT -> X.Y.Z, or
#      $FLOWRUNS_RELEASE_VERSION); the checkout itself is not changed;
#   2. makes a throwaway OpenPGP key with BouncyCastle (scripts/release/ThrowawayKey.java): no gpg;
#   3. `./mvnw -Prelease deploy -DskipUpload=true` with that key in MAVEN_GPG_KEY: the bundle
#      target/central-publishing/central-bundle.zip, nothing uploaded, nothing installed;
#   4. checks the bundle (scripts/release/BundleCheck.java against
#      scripts/release/published-artifacts.txt): each artifact's jar, -sources, -javadoc, POM with
#      Central's fields, checksums that match, signatures that verify, nothing else;
#   5. shows the check failing on bundles with a signature removed, a -javadoc jar removed, and a
#      jar changed after signing (the transcript is target/release-dry-run/negative.txt);
#   6. unless --no-compare: builds again and compares every artifact with the bundle's
#      (maven-artifact-plugin's artifact:compare): the build is reproducible.
# Tests are skipped (verify runs them); so is the copy-paste check. Needs no network once a first
# run has cached the release plugins (-o is passed to the tool download only: the publish goal
# will not run under -o). Exit status: 0 all good, 1 a check failed.
set -euo pipefail

compare=1
mvn_args=()
build_args=()
for a in "$@"; do
  case "$a" in
    --no-compare) compare=0 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    # central-publishing's publish goal refuses to run under -o (it "requires online mode") even
    # when it uploads nothing, so the two builds run without -o. Once their plugins are cached they
    # need no network all the same: Maven asks no server for an artifact it already has.
    -o|--offline) mvn_args+=("$a") ;;
    *) mvn_args+=("$a"); build_args+=("$a") ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/release-dry-run"
src="$work/src"
step_start=0
step() { step_start=$(date +%s); echo "release-dry-run: $*"; }
took() { echo "release-dry-run: ... $(( $(date +%s) - step_start )) s"; }
fail() { echo "release-dry-run: FAILED: $*" >&2; exit 1; }
total_start=$(date +%s)

step "1/6 copying the working tree to $src"
rm -rf "$work"
mkdir -p "$src" "$work/key" "$work/tools"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "$src" -xf -
snapshot=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$src/pom.xml" | head -1)
version=${FLOWRUNS_RELEASE_VERSION:-${snapshot%-SNAPSHOT}}
[[ -n "$snapshot" && -n "$version" && "$version" != *SNAPSHOT* ]] || fail "no release version from '$snapshot'"
find "$src" -name pom.xml -print0 \
  | xargs -0 sed -i "s:<version>${snapshot}</version>:<version>${version}</version>:g"
if grep -rl --include=pom.xml -e '-SNAPSHOT<' "$src" >/dev/null; then
  fail "a POM still names a -SNAPSHOT version: $(grep -rl --include=pom.xml -e '-SNAPSHOT<' "$src" | head -3)"
fi
echo "release-dry-run: version $snapshot -> $version"
took

step "2/6 throwaway signing key (BouncyCastle, no gpg)"
"$root/mvnw" -B -q ${mvn_args[@]+"${mvn_args[@]}"} -f "$root/scripts/release/tools-pom.xml" \
  dependency:copy-dependencies -DoutputDirectory="$work/tools"
tools="$work/tools/*"
(umask 077 && java -cp "$tools" "$root/scripts/release/ThrowawayKey.java" "$work/key" 2>/dev/null)
took

step "3/6 release build: ./mvnw -Prelease deploy -DskipUpload=true (tests skipped)"
# -Dmaven.install.skip: the deploy lifecycle would install the release into the shared local
# repository first; a dry run leaves it as it was.
(cd "$src" && MAVEN_GPG_KEY="$(cat "$work/key/secret-key.asc")" \
  MAVEN_GPG_PASSPHRASE="$(cat "$work/key/passphrase")" \
  ./mvnw -B -Prelease -DskipTests -Dflowruns.cpd.skip=true -Dmaven.install.skip=true \
    -DskipUpload=true ${build_args[@]+"${build_args[@]}"} deploy > "$work/build.log" 2>&1) \
  || { tail -40 "$work/build.log"; fail "release build failed (log: $work/build.log)"; }
built="$src/target/central-publishing/central-bundle.zip"
[[ -f "$built" ]] || fail "no bundle at $built (log: $work/build.log)"
# Kept out of the tree: the second build (step 6) starts with clean.
bundle="$work/central-bundle.zip"
cp "$built" "$bundle"
echo "release-dry-run: bundle $bundle ($(du -k "$bundle" | cut -f1) KiB)"
took

check() {
  java -cp "$tools" "$root/scripts/release/BundleCheck.java" "$1" "$work/key/public-key.asc" \
    "$root/scripts/release/published-artifacts.txt" "$version"
}

step "4/6 checking the bundle"
check "$bundle" || fail "the bundle is not fit for Central (lines above)"
took

step "5/6 the check fails on broken bundles"
broken="$work/broken"
rm -rf "$broken" && mkdir -p "$broken/tree"
(cd "$broken/tree" && jar xf "$bundle")
g="io/github/flowruns"
rm "$broken/tree/$g/sdk-common/$version/sdk-common-$version.jar.asc"
rm "$broken/tree/$g/sdk-testing/$version/sdk-testing-$version-javadoc.jar"
# A changed jar whose checksums and signature are those of the original:
echo tampered >> "$broken/tree/$g/sdk-n8n/$version/sdk-n8n-$version.jar"
(cd "$broken/tree" && jar cfM "$broken/broken-bundle.zip" .)
{
  echo "\$ BundleCheck broken-bundle.zip  # sdk-common's jar .asc removed, sdk-testing's -javadoc.jar removed, sdk-n8n's jar changed"
  set +e; check "$broken/broken-bundle.zip"; echo "exit status $?"; set -e
} > "$work/negative.txt" 2>&1
cat "$work/negative.txt"
for expect in "MISSING signature $g/sdk-common/$version/sdk-common-$version.jar.asc" \
              "MISSING $g/sdk-testing/$version/sdk-testing-$version-javadoc.jar" \
              "BAD signature $g/sdk-n8n/$version/sdk-n8n-$version.jar.asc" \
              "BAD checksum $g/sdk-n8n/$version/sdk-n8n-$version.jar.sha1" \
              "exit status 1"; do
  grep -qF "$expect" "$work/negative.txt" || fail "the check did not report: $expect"
done
echo "release-dry-run: the check caught all three (transcript: $work/negative.txt)"
took

if (( compare )); then
  step "6/6 reproducible: a second build compared with the bundle (artifact:compare)"
  mkdir -p "$work/reference"
  (cd "$work/reference" && jar xf "$bundle")
  # The goal by its full name: the prefix "artifact" would be looked up in plugin-group metadata,
  # which a throwaway local repository does not have without a network. The version is the
  # release profile's (root POM).
  # The second build writes to a throwaway local repository that reads the usual one as a tail:
  # artifact:compare caches the reference artifacts it resolves, and they must not land in the
  # shared one. Nothing is downloaded that the first build did not.
  local_repo=${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}
  (cd "$src" && MAVEN_GPG_KEY="$(cat "$work/key/secret-key.asc")" \
    MAVEN_GPG_PASSPHRASE="$(cat "$work/key/passphrase")" \
    ./mvnw -B -Prelease -DskipTests -Dflowruns.cpd.skip=true ${build_args[@]+"${build_args[@]}"} \
      -Dmaven.repo.local="$work/m2" -Dmaven.repo.local.tail="$local_repo" \
      -Dreference.repo="dry-run::file://$work/reference" \
      clean verify org.apache.maven.plugins:maven-artifact-plugin:compare > "$work/compare.log" 2>&1) \
    || { grep -E 'ko|ERROR|differ' "$work/compare.log" | head -40; fail "not reproducible, or the second build failed (log: $work/compare.log)"; }
  # The last module's line sums up the whole build.
  echo "release-dry-run: $(grep 'rebuild comparison result' "$work/compare.log" | tail -1 \
    | sed 's/.*result: //') of the bundle's (POMs, jars, sources jars; artifact:compare skips javadoc jars)"
  took
else
  echo "release-dry-run: 6/6 skipped (--no-compare)"
fi

echo "release-dry-run: OK in $(( $(date +%s) - total_start )) s: bundle $bundle"
