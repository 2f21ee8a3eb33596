package io.jenkins.plugins.mesh.engine.traffic;

/** Route objects used across the traffic tests. */
final class RouteFixtures {

    static final String REVIEWS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: shop
              labels: {team: books}
              annotations: {owner: books-team}
            spec:
              hosts: [reviews]
              gateways: [mesh]
              http:
              - name: beta-users
                match:
                - headers:
                    end-user: {exact: jason}
                route:
                - destination: {host: reviews, subset: v3}
              - name: main
                retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,reset"}
                timeout: 10s
                mirror: {host: reviews-shadow}
                mirrorPercentage: {value: 5.0}
                headers:
                  request:
                    set: {x-route: main}
                route:
                - destination: {host: reviews, subset: v1, port: {number: 9080}}
                  headers:
                    response:
                      set: {x-version: stable}
                - destination: {host: reviews, subset: v2, port: {number: 9080}}
                  weight: 0
                x-vendor-extension: {keep: me}
              tcp:
              - route:
                - destination: {host: reviews, port: {number: 9090}}
            """;

    static final String HOST_BASED = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: ratings
              namespace: shop
            spec:
              hosts: [ratings.shop.svc.cluster.local]
              http:
              - route:
                - destination: {host: ratings-stable.shop.svc.cluster.local}
                  weight: 100
                - destination: {host: ratings-canary.shop.svc.cluster.local}
                  weight: 0
            """;

    static final String HTTP_ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: web
              namespace: shop
            spec:
              parentRefs:
              - {name: shop-gateway}
              rules:
              - name: api
                matches:
                - path: {type: PathPrefix, value: /api}
                backendRefs:
                - {name: web-stable, port: 8080, weight: 100}
                - {name: web-canary, port: 8080, weight: 0}
                timeouts: {request: 5s}
              - backendRefs:
                - {name: static, port: 80}
            """;

    static final RouteTarget SUBSETS = RouteTarget.virtualService("shop", "reviews", null,
            Destination.subset("reviews", "v1"), Destination.subset("reviews", "v2"));

    static final RouteTarget HOSTS = RouteTarget.virtualService("shop", "ratings", null,
            Destination.host("ratings-stable"), Destination.host("ratings-canary"));

    static final RouteTarget GATEWAY = RouteTarget.httpRoute("shop", "web", null, Destination.host("web-stable"),
            Destination.host("web-canary"));

    static final Holder BUILD_42 = new Holder("https://jenkins.example/job/shop/42/", "shop #42");
    static final Holder BUILD_43 = new Holder("https://jenkins.example/job/shop/43/", "shop #43");
    static final Holder OPERATOR = Holder.localUser("alice", "laptop");

    private RouteFixtures() {
    }
}
