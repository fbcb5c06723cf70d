"""Every manifest of deploy/kubernetes, rendered by kustomize, loads into the official Kubernetes Python client's
typed models, and the Jobs have the fields a distributed Ordeal run depends on.

Run: python3 -m pytest deploy/kubernetes/tests   (or python3 deploy/kubernetes/tests/test_manifests.py)
Needs: pip install kubernetes pyyaml; kubectl on PATH (for `kubectl kustomize`).
"""

import json
import pathlib
import subprocess
import unittest

import yaml
from kubernetes import client

HERE = pathlib.Path(__file__).resolve().parent.parent

MODELS = {
    ("v1", "ConfigMap"): "V1ConfigMap",
    ("v1", "Service"): "V1Service",
    ("v1", "PersistentVolumeClaim"): "V1PersistentVolumeClaim",
    ("apps/v1", "Deployment"): "V1Deployment",
    ("batch/v1", "Job"): "V1Job",
}


class _Response:
    """What ApiClient.deserialize reads: a body with a `data` attribute."""

    def __init__(self, document):
        self.data = json.dumps(document)


def rendered():
    output = subprocess.run(
        ["kubectl", "kustomize", str(HERE)], check=True, capture_output=True, text=True
    ).stdout
    return [document for document in yaml.safe_load_all(output) if document]


def typed(document):
    key = (document["apiVersion"], document["kind"])
    if key not in MODELS:
        raise AssertionError(f"no typed model listed for {key}: add it to MODELS")
    model = _deserialize(document, MODELS[key])
    # A field the model does not know is dropped silently by deserialize: compare the round trip with the input.
    back = client.ApiClient().sanitize_for_serialization(model)
    missing = _missing(document, back)
    if missing:
        raise AssertionError(f"{document['kind']} {document['metadata']['name']}: unknown fields {missing}")
    return model


def _deserialize(document, model):
    """ApiClient.deserialize: from 34 on it takes the body's text and a content type, before it a response object."""
    api = client.ApiClient()
    try:
        return api.deserialize(json.dumps(document), model, "application/json")
    except TypeError:
        return api.deserialize(_Response(document), model)


def _missing(original, back, path=""):
    if isinstance(original, dict):
        found = []
        for key, value in original.items():
            if not isinstance(back, dict) or key not in back:
                found.append(f"{path}.{key}")
            else:
                found += _missing(value, back[key], f"{path}.{key}")
        return found
    if isinstance(original, list):
        found = []
        for index, value in enumerate(original):
            found += _missing(value, back[index] if isinstance(back, list) and index < len(back) else None,
                              f"{path}[{index}]")
        return found
    return []


class ManifestTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.documents = rendered()
        cls.models = {(d["kind"], d["metadata"]["name"]): typed(d) for d in cls.documents}

    def model(self, kind, prefix):
        matches = [m for (k, name), m in self.models.items() if k == kind and name.startswith(prefix)]
        self.assertEqual(len(matches), 1, f"one {kind} named {prefix}*")
        return matches[0]

    def test_every_manifest_loads_into_its_typed_model(self):
        kinds = sorted(kind for kind, _ in self.models)
        self.assertEqual(
            kinds,
            ["ConfigMap", "ConfigMap", "ConfigMap", "Deployment", "Job", "Job", "PersistentVolumeClaim", "Service"],
        )

    def test_segments_job_is_indexed_and_never_reruns_a_segment(self):
        job = self.model("Job", "ordeal-segments").spec
        self.assertEqual(job.completion_mode, "Indexed")
        self.assertGreaterEqual(job.completions, 2)
        self.assertEqual(job.completions, job.parallelism)
        self.assertEqual(job.backoff_limit_per_index, 0)
        self.assertEqual(job.pod_replacement_policy, "Failed")
        rules = job.pod_failure_policy.rules
        fail_index = [r for r in rules if r.action == "FailIndex"]
        self.assertEqual(len(fail_index), 1)
        codes = fail_index[0].on_exit_codes
        self.assertEqual((codes.container_name, codes.operator, sorted(codes.values)), ("ordeal", "In", [1, 2]))
        pod = job.template.spec
        self.assertEqual(pod.restart_policy, "Never")
        spread = pod.topology_spread_constraints
        self.assertEqual([c.topology_key for c in spread], ["kubernetes.io/hostname"])
        self.assertEqual(spread[0].max_skew, 1)
        self.assertEqual(spread[0].label_selector.match_labels, job.template.metadata.labels)

    def test_segments_run_auto_from_the_stamped_start(self):
        job = self.model("Job", "ordeal-segments").spec
        container = job.template.spec.containers[0]
        args = container.args
        self.assertEqual(args[:2], ["run", "/scenario/scenario.yaml"])
        self.assertEqual(args[args.index("--segment") + 1], "auto")
        self.assertEqual(args[args.index("--start-at") + 1], "$(START_AT)")
        self.assertIn("$(JOB_COMPLETION_INDEX)", args[args.index("--out") + 1])
        env = {e.name: e for e in container.env}
        self.assertEqual(int(env["ORDEAL_SEGMENTS"].value), job.completions)
        self.assertEqual(
            env["JOB_COMPLETION_INDEX"].value_from.field_ref.field_path,
            "metadata.annotations['batch.kubernetes.io/job-completion-index']",
        )
        run_config = self.model("ConfigMap", "ordeal-run")
        self.assertEqual(env["START_AT"].value_from.config_map_key_ref.name, run_config.metadata.name)
        self.assertRegex(run_config.data["START_AT"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
        volumes = {v.name: v for v in job.template.spec.volumes}
        self.assertEqual(volumes["scenario"].config_map.name, self.model("ConfigMap", "ordeal-scenario").metadata.name)
        self.assertEqual(volumes["reports"].persistent_volume_claim.claim_name, "ordeal-reports")

    def test_merge_waits_for_every_segment_once(self):
        segments = self.model("Job", "ordeal-segments").spec
        merge = self.model("Job", "ordeal-merge").spec
        self.assertEqual(merge.backoff_limit, 0)
        args = merge.template.spec.containers[0].args
        self.assertEqual(args[0], "merge")
        self.assertEqual(int(args[args.index("--wait") + 1]), segments.completions)
        self.assertIn("--timeout", args)
        volumes = merge.template.spec.volumes
        claims = [v.persistent_volume_claim.claim_name for v in volumes if v.persistent_volume_claim]
        self.assertEqual(claims, ["ordeal-reports"])

    def test_reports_volume_is_read_write_many(self):
        self.assertEqual(self.model("PersistentVolumeClaim", "ordeal-reports").spec.access_modes, ["ReadWriteMany"])

    def test_pods_run_as_non_root(self):
        for prefix in ["ordeal-segments", "ordeal-merge"]:
            pod = self.model("Job", prefix).spec.template.spec
            self.assertTrue(pod.security_context.run_as_non_root)
            self.assertNotEqual(pod.security_context.run_as_user, 0)
        proxy = self.model("Deployment", "ordeal-proxy").spec.template.spec
        self.assertTrue(proxy.security_context.run_as_non_root)

    def test_fault_proxy_serves_its_api_on_8474(self):
        service = self.model("Service", "ordeal-proxy").spec
        self.assertIn(8474, [p.port for p in service.ports])
        deployment = self.model("Deployment", "ordeal-proxy").spec
        self.assertEqual(service.selector, deployment.selector.match_labels)
        container = deployment.template.spec.containers[0]
        self.assertEqual(container.args[:1], ["proxy"])
        self.assertEqual(container.args[container.args.index("--api") + 1], "0.0.0.0:8474")
        self.assertIn(8474, [p.container_port for p in container.ports])


if __name__ == "__main__":
    unittest.main()
