SELECT $x$ DELETE FROM app.orders $x$ AS harmless
