package dev.authgateway.support.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * A database or upstream that could not be reached, or that did not answer in time:
 * nothing the caller did, and worth trying again. A request that needs what failed gets a
 * quick 503; start-up work tries again for a while.
 */
public final class Unavailable {

	private Unavailable() {
	}

	public static boolean isCauseOf(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof TimeoutException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}

}
