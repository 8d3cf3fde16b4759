// Local stand-ins for the pet store's Lambda functions, used by the local gateway (see .apigateway/local.json).
const pets = new Map([['1', { id: '1', name: 'Rex', type: 'dog', price: 249.5 }]]);

// Lambda proxy integration (GET /pets/{petId}): the event is API Gateway's proxy event, the result an HTTP response.
exports.getPet = async (event) => {
  const pet = pets.get(event.pathParameters.petId);
  return pet
    ? { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pet) }
    : { statusCode: 404, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'No such pet' }) };
};

// Lambda custom integration (POST /pets): the event is what the request template rendered. An error's message is
// JSON, so that the integration response pattern can select it and its template can read it with $util.parseJson.
exports.createPet = async (event) => {
  const taken = [...pets.values()].some((pet) => pet.name === event.name);
  if (taken) throw new Error(JSON.stringify({ type: 'InvalidPet', message: `A pet named ${event.name} already exists` }));
  const pet = { id: String(pets.size + 1), name: event.name, type: event.type, price: event.price };
  pets.set(pet.id, pet);
  return pet;
};
