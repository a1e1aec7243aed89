package dev.authgateway.support.dpop;

import java.net.URI;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request's DPoP-bound access token (RFC 9449 section 7.1) and its proof, with the
 * method and URL the proof must name; not yet checked.
 */
public final class DPoPAuthenticationToken extends AbstractAuthenticationToken {

	private final String accessToken;

	private final String proof;

	private final String method;

	private final URI url;

	DPoPAuthenticationToken(String accessToken, String proof, String method, URI url) {
		super(List.of());
		this.accessToken = accessToken;
		this.proof = proof;
		this.method = method;
		this.url = url;
	}

	public String accessToken() {
		return this.accessToken;
	}

	public String proof() {
		return this.proof;
	}

	public String method() {
		return this.method;
	}

	public URI url() {
		return this.url;
	}

	@Override
	public Object getCredentials() {
		return this.accessToken;
	}

	@Override
	public Object getPrincipal() {
		return this.accessToken;
	}

}
