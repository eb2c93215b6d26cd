/** A refusal or failure, in the server's words. */
export const Failed = ({ message }: { readonly message: string }) => (
  <p role="alert" class="error">
    {message}
  </p>
)
