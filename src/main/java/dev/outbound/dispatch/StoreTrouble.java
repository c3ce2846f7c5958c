package dev.outbound.dispatch;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/** Failures that mean the database is unreachable for now, not that the work is wrong. */
final class StoreTrouble {
    private StoreTrouble() {}

    static boolean is(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException
                || e instanceof TransactionException;
    }
}
