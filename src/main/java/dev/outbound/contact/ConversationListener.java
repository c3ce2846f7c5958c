package dev.outbound.contact;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.RequestStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Marks an attempt as a conversation when it ends COMPLETED with channel status COMPLETED: a call
 * answered by a person (a machine ends MACHINE, a message DELIVERED). Runs in the transaction that
 * records the outcome, so the quiet period starts exactly when the outcome is stored.
 */
@Component
class ConversationListener {
    private final ContactLedger ledger;

    ConversationListener(ContactLedger ledger) {
        this.ledger = ledger;
    }

    @EventListener
    void on(RequestStatusChanged change) {
        if (change.to() == RequestStatus.COMPLETED && change.toChannel() == ChannelManagerStatus.COMPLETED) {
            ledger.conversation(change.requestId(), change.attemptNo(), change.at());
        }
    }
}
