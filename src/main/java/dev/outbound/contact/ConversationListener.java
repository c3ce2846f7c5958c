package dev.outbound.contact;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.RequestStatusChanged;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Marks an attempt as a conversation when it ends COMPLETED with channel status COMPLETED: a call
 * answered by a person (a machine ends MACHINE, a message DELIVERED). The marks of one
 * transaction (a chunk of up to 100 outcomes) are written together just before it commits, so the
 * quiet period starts exactly when the outcome is stored, in one round trip instead of one each.
 */
@Component
class ConversationListener {
    private final ContactLedger ledger;

    ConversationListener(ContactLedger ledger) {
        this.ledger = ledger;
    }

    @EventListener
    void on(RequestStatusChanged change) {
        if (change.to() != RequestStatus.COMPLETED || change.toChannel() != ChannelManagerStatus.COMPLETED) {
            return;
        }
        var conversation = new ContactLedger.Conversation(change.requestId(), change.attemptNo(), change.at());
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            ledger.conversations(List.of(conversation));
            return;
        }
        pending().add(conversation);
    }

    @SuppressWarnings("unchecked")
    private List<ContactLedger.Conversation> pending() {
        var pending = (List<ContactLedger.Conversation>) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            return pending;
        }
        var created = new ArrayList<ContactLedger.Conversation>();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                ledger.conversations(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ConversationListener.this);
            }
        });
        return created;
    }
}
