import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

// Spring Cloud Gateway with nothing of this project around it (BENCHMARKS.md, "What holds each figure"): no
// security, no observations or tracing, no actuator, no database, no load balancer; one route to the resource
// service, set from the command line. It measures what the proxy the project has chosen costs by itself,
// between BareProxy (Reactor Netty alone) and the gateway. Not part of the build. Run it with the jars of the
// gateway performance/run prepared last, less those of the parts it leaves out:
//   lib="$(ls -td ~/.cache/authgateway-bench/gateway-*/ | head -1)lib"
//   java -cp "$(ls "$lib"/*.jar | grep -Ev "$(cat performance/probe/minimal-gateway-leaves-out)" | tr '\n' :)" \
//     performance/probe/MinimalGateway.java --server.port=18091 \
//     --spring.cloud.gateway.server.webflux.routes[0].id=api \
//     --spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:18081 \
//     --spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/**
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MinimalGateway {
  public static void main(String[] args) {
    SpringApplication.run(MinimalGateway.class, args);
  }
}
