// Where each supported site keeps its message box and its send button (a classic script: content scripts are not
// modules). The end-to-end test serves pages with the same structure under the same host names.
var ENGRAM_SITES = {
  chatgpt: { hosts: ["chatgpt.com"], composer: "#prompt-textarea", send: 'button[data-testid="send-button"]' },
  claude: { hosts: ["claude.ai"], composer: 'div.ProseMirror[contenteditable="true"]', send: 'button[aria-label="Send message"]' },
  perplexity: { hosts: ["www.perplexity.ai", "perplexity.ai"], composer: "#ask-input, textarea", send: 'button[aria-label="Submit"]' },
};
