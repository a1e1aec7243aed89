package dev.authgateway.resource;

import dev.authgateway.support.netty.EventLoops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ResourceServiceApplication {

	public static void main(String[] args) {
		EventLoops.onePerCore();
		SpringApplication.run(ResourceServiceApplication.class, args);
	}

}
