// Pinwarden's only script; the Content-Security-Policy allows no inline script.
(function () {
	'use strict';

	// htmx requests carry the CSRF token like the forms do.
	document.addEventListener('htmx:configRequest', function (event) {
		var header = document.querySelector('meta[name="csrf-header"]');
		var token = document.querySelector('meta[name="csrf-token"]');
		if (header && token) {
			event.detail.headers[header.content] = token.content;
		}
	});

	document.addEventListener('DOMContentLoaded', function () {
		// "Send new PIN via email" is checked, visibly, when "Generate PIN ..." is checked:
		// the server does the same, so that no generated PIN goes unannounced.
		var generate = document.getElementById('generatePinForNewUsers');
		var send = document.getElementById('sendPinByEmail');
		if (generate && send) {
			generate.addEventListener('change', function () {
				if (generate.checked) {
					send.checked = true;
				}
			});
		}
		// A dialog the server opened becomes modal: the page behind it is inert and dimmed, and
		// the focus lands on its choice. Without script it still shows, open, in the page.
		var dialog = document.querySelector('dialog[open]');
		if (dialog) {
			if (typeof dialog.showModal === 'function') {
				dialog.close();
				dialog.showModal();
			}
			var first = dialog.querySelector('button, a');
			if (first) {
				first.focus();
			}
		}
	});
})();
