import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

// The floor for a Java reverse proxy on this machine (BENCHMARKS.md, "What holds each figure"): Reactor Netty's
// server hands each request to Reactor Netty's pooled client, passing the Authorization header on, and nothing
// else. Not part of the build. Run it with the jars of the gateway performance/run prepared last (one build's, not
// every cached one's), next to a running resource service:
//   lib="$(ls -td ~/.cache/authgateway-bench/gateway-*/ | head -1)lib"
//   java -cp "$(ls "$lib"/*.jar | tr '\n' :)" performance/probe/BareProxy.java 18090 http://127.0.0.1:18081
// and load http://127.0.0.1:18090/api/protected-data as performance/run loads the gateway.
public class BareProxy {
  public static void main(String[] args) throws Exception {
    System.setProperty("reactor.netty.ioWorkerCount", "2");
    int port = Integer.parseInt(args[0]);
    String upstream = args[1];
    HttpClient client = HttpClient.create(ConnectionProvider.create("up", 500)).baseUrl(upstream);
    DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
      .handle((req, res) -> client
        .headers(h -> { String a = req.requestHeaders().get("Authorization"); if (a != null) h.set("Authorization", a); })
        .get().uri(req.uri())
        .response((up, body) -> {
          res.status(up.status());
          String ct = up.responseHeaders().get("Content-Type");
          if (ct != null) res.header("Content-Type", ct);
          String cl = up.responseHeaders().get("Content-Length");
          if (cl != null) res.header("Content-Length", cl);
          return res.send(body.retain()).then();
        }).then())
      .bindNow();
    System.out.println("ready " + port);
    server.onDispose().block();
  }
}
