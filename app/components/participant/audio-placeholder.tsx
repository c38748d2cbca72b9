/** Where the group's audio room will go; for now people talk in person or on their own call. */
export function AudioPlaceholder() {
  return (
    <section className="card p-audio-room" aria-labelledby="audio-heading" data-testid="audio-room">
      <h2 id="audio-heading">Audio room</h2>
      <p>Talk face to face or on your own call for now.</p>
    </section>
  );
}
