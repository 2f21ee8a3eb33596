// A team's defaults around meshCanary: put this library under Manage Jenkins » System » Global Trusted Pipeline
// Libraries (or a folder library) and call meshDeploy(service: 'reviews', canary: 'v2') from a Jenkinsfile.
// See meshDeploy.txt for the parameters.

def call(Map args = [:]) {
  def defaults = [
    cluster      : 'prod',
    namespace    : 'shop',
    metrics      : 'prom-prod',
    stable       : 'stable',
    steps        : [10, 25, 50],
    interval     : '2m',
    failureLimit : 1,
    onInconclusive: 'restore',
    successRate  : 99.0,
    latencyP99Ms : 500,
    validate     : 'deploy/istio/**/*.yaml',
  ]
  def cfg = defaults + args
  if (!cfg.service) {
    error 'meshDeploy needs service: the name of the VirtualService to roll out on'
  }
  if (!cfg.canary) {
    error 'meshDeploy needs canary: the DestinationRule subset of the new version'
  }
  def target = [cluster: cfg.cluster, namespace: cfg.namespace, virtualService: cfg.service]
  if (cfg.route) {
    target.route = cfg.route
  }

  if (cfg.validate) {
    node {
      checkout scm
      meshValidate files: cfg.validate, cluster: cfg.cluster, namespace: cfg.namespace, failOn: 'error'
    }
  }

  try {
    return meshCanary(target + [
      stable      : cfg.stable,
      canary      : cfg.canary,
      steps       : cfg.steps,
      interval    : cfg.interval,
      metrics     : cfg.metrics,
      failureLimit: cfg.failureLimit,
      onInconclusive: cfg.onInconclusive,
      checks      : [[metric: 'successRate', min: cfg.successRate],
                     [metric: 'latencyP99', max: cfg.latencyP99Ms]],
    ])
  } catch (err) {
    // meshCanary restores on its own failures and aborts; this covers anything else and is a no-op otherwise.
    meshRollback(target)
    throw err
  }
}
