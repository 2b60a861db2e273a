import type { Delivery } from '../../../../shared/contract/assist';
import { useAssistUi } from '../store/assist-ui-store';

/** Where an accepted reply goes: the clipboard always; the ticket only when it came from a helpdesk. */
export function DeliveryPicker({ fromTicket }: { fromTicket: boolean }) {
  const delivery = useAssistUi((s) => s.delivery);
  const setDelivery = useAssistUi((s) => s.setDelivery);
  const options: { value: Delivery; label: string }[] = [
    { value: 'clipboard', label: 'Copy' },
    { value: 'reply', label: 'Post reply' },
    { value: 'internal_note', label: 'Post note' },
  ];
  return (
    <fieldset className="delivery" aria-label="Send accepted replies to">
      <legend className="visually-hidden">Send accepted replies to</legend>
      {options.map((o) => {
        const disabled = o.value !== 'clipboard' && !fromTicket;
        return (
          <label
            key={o.value}
            className={`delivery__option${disabled ? ' delivery__option--disabled' : ''}`}
            title={disabled ? 'Open the message as a helpdesk ticket to post to it' : undefined}
          >
            <input
              type="radio"
              name="delivery"
              value={o.value}
              checked={delivery === o.value}
              disabled={disabled}
              onChange={() => setDelivery(o.value)}
            />
            {o.label}
          </label>
        );
      })}
    </fieldset>
  );
}
