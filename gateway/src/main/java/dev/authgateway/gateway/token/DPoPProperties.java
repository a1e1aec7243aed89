package dev.authgateway.gateway.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param required whether every token request needs a DPoP proof: then no bearer token is
 * issued
 * @param proofMaxAge how old a proof's {@code iat} may be
 * @param clockSkew how far ahead of this server's clock a proof's {@code iat} may be
 */
@ConfigurationProperties("tokens.dpop")
record DPoPProperties(@DefaultValue("false") boolean required, @DefaultValue("60s") Duration proofMaxAge,
		@DefaultValue("30s") Duration clockSkew) {
}
