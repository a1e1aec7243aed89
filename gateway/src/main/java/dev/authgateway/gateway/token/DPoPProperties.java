package dev.authgateway.gateway.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param required whether every token request needs a DPoP proof: then no bearer token is
 * issued (how fresh a proof must be: SecurityConfiguration's replay cache)
 */
@ConfigurationProperties("tokens.dpop")
record DPoPProperties(@DefaultValue("false") boolean required) {
}
