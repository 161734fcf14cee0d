#!/usr/bin/env python3
"""validate's CI formats on the real samples: SARIF against the SARIF 2.1.0 subset
schema (and against the full published schema when BPT_SARIF_SCHEMA names a copy),
JUnit XML parsed and counted, GitLab Code Quality checked member by member. Every
count is compared with the JSON report of the same run.

Usage: check_ci_formats.py BPT DATA_DIR SUBSET_SCHEMA"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema

bpt, data, schema_path = sys.argv[1:4]
files = [os.path.join(data, "huadu-org-layout.txt"), os.path.join(data, "huadu-org-export.tsv")]


def run(*args):
    p = subprocess.run([bpt, "validate", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        sys.exit(f"check_ci_formats: {what}")


rc_json, out, _ = run(*files, "--format", "json")
report = json.loads(out)
diags = {f["path"]: f["diagnostics"] for f in report["files"]}
errors = {f["path"]: f["errors"] for f in report["files"]}
total = sum(len(d) for d in diags.values())
check(total > 0, "the samples have findings to report")

# SARIF
rc, out, _ = run(*files, "--format", "sarif")
check(rc == rc_json, f"sarif exit {rc} != json exit {rc_json}")
sarif = json.loads(out)
schemas = [json.load(open(schema_path))]
if os.environ.get("BPT_SARIF_SCHEMA"):
    schemas.append(json.load(open(os.environ["BPT_SARIF_SCHEMA"])))
for s in schemas:
    v = jsonschema.Draft7Validator(s, format_checker=jsonschema.FormatChecker())
    problems = sorted(v.iter_errors(sarif), key=lambda e: list(e.path))
    check(not problems, f"SARIF fails {s.get('title')}: {problems[:1]}")
run0 = sarif["runs"][0]
rules = run0["tool"]["driver"]["rules"]
rc_rules = subprocess.run([bpt, "rules"], capture_output=True, text=True).stdout.splitlines()
check(len(rules) == len(rc_rules), f"{len(rules)} SARIF rules, {len(rc_rules)} in bpt rules")
check(all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules), "every rule has its help")
results = run0["results"]
check(len(results) == total, f"{len(results)} SARIF results, {total} diagnostics")
for r in results:
    check(rules[r["ruleIndex"]]["id"] == r["ruleId"], f"ruleIndex of {r['ruleId']}")
    loc = r["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"]["uri"].endswith((".txt", ".tsv")), "uri names the file")
by_file = {}
for r in results:
    by_file.setdefault(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], []).append(r)
for path, ds in diags.items():
    lines = [d.get("line") or None for d in ds]
    got = [r["locations"][0]["physicalLocation"].get("region", {}).get("startLine") for r in by_file.get(path, [])]
    check(lines == got, f"{path}: SARIF lines differ from the JSON report's")
check(run0["invocations"][0]["executionSuccessful"] is True, "a clean run is successful")

# An unreadable file: exit 2, a notification, and the run not successful.
rc, out, _ = run(files[0], os.path.join(data, "no-such-file.txt"), "--format", "sarif")
check(rc == 2, f"missing file: exit {rc}")
inv = json.loads(out)["runs"][0]["invocations"][0]
check(inv["executionSuccessful"] is False and len(inv["toolExecutionNotifications"]) == 1,
      "a missing file is a notification")

# JUnit
rc, out, _ = run(*files, "--format", "junit")
check(rc == rc_json, "junit exit code")
root = ET.fromstring(out)
check(root.tag == "testsuites", "root is <testsuites>")
suites = root.findall("testsuite")
check([s.get("name") for s in suites] == files, "one testsuite per file, in order")
for s in suites:
    path = s.get("name")
    fails = s.findall("testcase/failure")
    check(len(fails) == errors[path] == int(s.get("failures")), f"{path}: failures = errors")
    check(int(s.get("tests")) == max(1, len(diags[path])) == len(s.findall("testcase")), f"{path}: tests")
rc, out, _ = run(*files, "--format", "junit", "--strict")
strict_fails = sum(len(s.findall("testcase/failure")) for s in ET.fromstring(out).findall("testsuite"))
warnings = sum(f["warnings"] for f in report["files"])
check(strict_fails == sum(errors.values()) + warnings, "--strict: warnings fail too")

# GitLab Code Quality
rc, out, _ = run(*files, "--format", "gitlab")
check(rc == rc_json, "gitlab exit code")
issues = json.loads(out)
check(isinstance(issues, list) and len(issues) == total, f"{len(issues)} issues, {total} diagnostics")
prints = [i["fingerprint"] for i in issues]
check(len(set(prints)) == len(prints), "fingerprints are unique")
for i in issues:
    check(set(i) == {"description", "check_name", "fingerprint", "severity", "location"}, f"members {set(i)}")
    check(i["severity"] in {"info", "minor", "major", "critical", "blocker"}, "severity")
    check(i["location"]["path"] in files and i["location"]["lines"]["begin"] >= 1, "location")
rc, again, _ = run(*files, "--format", "gitlab")
check(again == out, "fingerprints are the same run after run")

print(f"check_ci_formats: {total} findings; SARIF valid against {len(schemas)} schema(s), "
      f"{len(rules)} rules; JUnit {len(suites)} suites, {sum(errors.values())} failures; GitLab {len(issues)} issues")
