SELECT label FROM tags ORDER BY label
