// The one way a screen shows a refusal or failure in words: announced (role="alert"), or
// nothing at all when there is no message.
export function ErrorBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="banner banner--error" role="alert">
      {message}
    </div>
  );
}
