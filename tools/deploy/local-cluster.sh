#!/usr/bin/env bash
# Brings Pharma Radar up on a local kind cluster: the Strimzi operator, KEDA and the Prometheus Operator's CRDs, the
# image built and loaded, then k8s/overlays/local (services, one-node Kafka, Redis, a mail sink, example secrets).
# Needs docker, kind and kubectl, and the internet for the operators' manifests.
# Not run by the tests (CI has no container runtime): tools/deploy/deploy.spec.ts renders and validates the overlay.
#   bash tools/deploy/local-cluster.sh [up|down]
set -euo pipefail
cd "$(dirname "$0")/../.."

readonly CLUSTER=${KIND_CLUSTER:-pharma-radar}
readonly NS=pharma-radar
# Strimzi 0.48 or later runs Kafka 4.1 (k8s/kafka/kafka.yaml).
readonly STRIMZI_URL=${STRIMZI_URL:-https://strimzi.io/install/latest?namespace=$NS}
readonly KEDA_VERSION=${KEDA_VERSION:-2.17.2}
readonly PROMETHEUS_OPERATOR_VERSION=${PROMETHEUS_OPERATOR_VERSION:-v0.82.2}

case "${1:-up}" in
  down)
    kind delete cluster --name "$CLUSTER"
    exit 0
    ;;
  up) ;;
  *) echo "usage: $0 [up|down]" >&2; exit 2 ;;
esac

kind get clusters | grep -qx "$CLUSTER" || kind create cluster --name "$CLUSTER"
kubectl config use-context "kind-$CLUSTER"
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f -
kubectl create -f "$STRIMZI_URL" -n "$NS" 2>/dev/null || kubectl replace -f "$STRIMZI_URL" -n "$NS"
kubectl apply --server-side -f "https://github.com/kedacore/keda/releases/download/v$KEDA_VERSION/keda-$KEDA_VERSION.yaml"
kubectl apply --server-side -f "https://github.com/prometheus-operator/prometheus-operator/releases/download/$PROMETHEUS_OPERATOR_VERSION/stripped-down-crds.yaml"
kubectl -n "$NS" rollout status deploy/strimzi-cluster-operator --timeout=300s
kubectl -n keda rollout status deploy/keda-operator --timeout=300s

docker build -t pharma-radar:local .
kind load docker-image pharma-radar:local --name "$CLUSTER"
kubectl apply -k k8s/overlays/local
kubectl -n "$NS" wait kafka/pharma-radar --for=condition=Ready --timeout=600s
for app in ingest classifier notifier dashboard; do kubectl -n "$NS" rollout status "deploy/pharma-radar-$app" --timeout=300s; done
echo "up: kubectl -n $NS port-forward svc/pharma-radar-dashboard 3000:3000   (mail: svc/pharma-radar-mailpit 8025)"
