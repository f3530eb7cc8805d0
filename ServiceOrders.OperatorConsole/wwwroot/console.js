// The order list's address keeps only the filters that are set, so a shared link says what it shows.
document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('form.filters')) {
        return;
    }

    for (var i = 0; i < form.elements.length; i++) {
        var field = form.elements[i];
        if (field.name && field.value === '') {
            field.disabled = true;
        }
    }
}, true);

// Back to a page from the browser's cache: the fields are usable again.
window.addEventListener('pageshow', function () {
    document.querySelectorAll('form.filters [disabled]').forEach(function (field) { field.disabled = false; });
});

// The skip link moves the keyboard's focus to the page's content, not only the view (the app's own navigation would
// only scroll to it).
document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a.skip-link') : null;
    var main = document.getElementById('main');
    if (!link || !main) {
        return;
    }

    event.preventDefault();
    event.stopPropagation();
    main.focus();
    main.scrollIntoView();
}, true);
