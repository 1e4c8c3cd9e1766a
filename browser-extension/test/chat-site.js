// What the three sites do with a message, as far as the extension can tell: Enter (without Shift) or the send button
// posts the box's text to the thread and empties the box, in the page's own (bubbling) handlers.
const me = document.currentScript;
const box = document.querySelector(me.dataset.composer);
const send = document.querySelector(me.dataset.send);
const read = () => (box.tagName === "TEXTAREA" ? box.value : box.innerText).trim();
function post() {
  const text = read();
  if (!text) return;
  const message = document.createElement("div");
  message.dataset.messageAuthorRole = "user";
  message.textContent = text;
  document.getElementById("thread").append(message);
  if (box.tagName === "TEXTAREA") box.value = "";
  else box.textContent = "";
}
box.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    post();
  }
});
send.addEventListener("click", post);
