package dev.authgateway.gateway.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param required whether every token request needs a DPoP proof: then no bearer token is
 * issued (how fresh a proof must be: SecurityConfiguration's replay cache)
 * @param nonce server-provided nonces at the token endpoints
 */
@ConfigurationProperties("tokens.dpop")
record DPoPProperties(@DefaultValue("false") boolean required, @DefaultValue Nonce nonce) {

	/**
	 * @param required whether a proof at the token endpoints must carry a nonce this
	 * server handed out (RFC 9449 section 8)
	 * @param lifetime how long one nonce is handed out; each is accepted for up to twice
	 * that
	 */
	record Nonce(@DefaultValue("false") boolean required, @DefaultValue("60s") Duration lifetime) {
	}

}
